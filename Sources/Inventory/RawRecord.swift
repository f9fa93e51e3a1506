/// A record's values as a source gave them: every format fills one and `record(…)` applies the shared rules
/// (trimming, "N/A" for no CPE or title, CPE shape, whole-number quantity, a name or a CPE required). The
/// record is built in place, so a value is stored once and never copied between two structures.
struct RawRecord {
    /// The source's own names for fields an issue may name (a table's header, VANS's JSON keys).
    struct FieldNames {
        var name = "name"
        var cpe = "cpe"
        var quantity = "quantity"

        static let standard = FieldNames()
        static let vansV1 = FieldNames(name: "product_name", cpe: "cpe23", quantity: "asset_number")
        static let vansV2 = FieldNames(name: "assetName")
        static let powershell = FieldNames(name: "DisplayName")
        static let spdx = FieldNames(cpe: "externalRefs")
    }

    private var draft = InventoryRecord(row: 0, name: "", format: .genericCSV)
    private var rawCPE: String?
    private var rawQuantity: String?

    init(
        name: String? = nil, publisher: String? = nil, version: String? = nil, host: String? = nil,
        operatingSystem: String? = nil, cpe: String? = nil, cpeTitle: String? = nil, category: String? = nil,
        agencyOID: String? = nil, agencyName: String? = nil, quantity: String? = nil, locale: String? = nil,
        architecture: String? = nil, purl: String? = nil, group: String? = nil, assetGroup: String? = nil
    ) {
        self.name = name
        self.publisher = publisher
        self.version = version
        self.host = host
        self.operatingSystem = operatingSystem
        self.cpe = cpe
        self.cpeTitle = cpeTitle
        self.category = category
        self.agencyOID = agencyOID
        self.agencyName = agencyName
        self.quantity = quantity
        self.locale = locale
        self.architecture = architecture
        self.purl = purl
        self.group = group
        self.assetGroup = assetGroup
    }

    var name: String? {
        get { draft.name.isEmpty ? nil : draft.name }
        set { draft.name = RecordValues.text(newValue) ?? "" }
    }
    var publisher: String? {
        get { draft.publisher }
        set { draft.publisher = RecordValues.text(newValue) }
    }
    var version: String? {
        get { draft.version }
        set { draft.version = RecordValues.text(newValue) }
    }
    var host: String? {
        get { draft.host }
        set { draft.host = RecordValues.text(newValue) }
    }
    var operatingSystem: String? {
        get { draft.operatingSystem }
        set { draft.operatingSystem = RecordValues.text(newValue) }
    }
    var cpe: String? {
        get { rawCPE }
        set { rawCPE = newValue }
    }
    var cpeTitle: String? {
        get { draft.cpeTitle }
        set { draft.cpeTitle = RecordValues.text(newValue).flatMap { RecordValues.isNone($0) ? nil : $0 } }
    }
    var category: String? {
        get { draft.category }
        set { draft.category = RecordValues.text(newValue) }
    }
    var agencyOID: String? {
        get { draft.agencyOID }
        set { draft.agencyOID = RecordValues.text(newValue) }
    }
    var agencyName: String? {
        get { draft.agencyName }
        set { draft.agencyName = RecordValues.text(newValue) }
    }
    var quantity: String? {
        get { rawQuantity }
        set { rawQuantity = RecordValues.text(newValue) }
    }
    var locale: String? {
        get { draft.locale }
        set { draft.locale = RecordValues.text(newValue) }
    }
    var architecture: String? {
        get { draft.architecture }
        set { draft.architecture = RecordValues.text(newValue) }
    }
    var purl: String? {
        get { draft.purl }
        set { draft.purl = RecordValues.text(newValue) }
    }
    var group: String? {
        get { draft.group }
        set { draft.group = RecordValues.text(newValue) }
    }
    var release: String? {
        get { draft.release }
        set { draft.release = RecordValues.text(newValue) }
    }
    var epoch: String? {
        get { draft.epoch }
        set { draft.epoch = RecordValues.text(newValue) }
    }
    var assetGroup: String? {
        get { draft.assetGroup }
        set { draft.assetGroup = RecordValues.text(newValue) }
    }
    var isSystemComponent: Bool {
        get { draft.isSystemComponent }
        set { draft.isSystemComponent = newValue }
    }

    /// The record, or nil after reporting why there is none; warnings for values left out. The record is moved
    /// out, leaving this raw record empty.
    mutating func record(
        row: Int, format: InventoryFormat, at offset: Int?, names: FieldNames = .standard, context: inout ReadContext
    ) -> InventoryRecord? {
        draft.row = row
        draft.format = format
        guard Self.finish(&draft, cpe: rawCPE, quantity: rawQuantity, names: names, at: offset, issues: &context.issues)
        else { return nil }
        var record = InventoryRecord(row: 0, name: "", format: format)
        swap(&record, &draft)
        return record
    }

    /// The shared rules for a record whose other fields are set (and trimmed): the CPE ("N/A" is none, a
    /// malformed one is left out with a warning), a name or a CPE required (else an error and false), the
    /// quantity a whole number (else left out with a warning), a package URL given as the name kept as one.
    static func finish(
        _ record: inout InventoryRecord, cpe: String?, quantity: String?, names: FieldNames, at offset: Int?,
        issues: inout ReadContext.Issues
    ) -> Bool {
        switch RecordValues.cpe(cpe) {
        case .absent: break
        case .valid(let cpe): record.cpe = cpe
        case .invalid(let text):
            issues.add(
                row: record.row, field: names.cpe, at: offset,
                "not a CPE 2.3 formatted string, left out: \(text.prefix(200))", severity: .warning)
        }
        guard !record.name.isEmpty || record.cpe != nil else {
            issues.add(row: record.row, field: names.name, at: offset, "no name and no CPE")
            return false
        }
        if let quantity = RecordValues.text(quantity) {
            record.quantity = RecordValues.quantity(quantity)
            if record.quantity == nil {
                issues.add(
                    row: record.row, field: names.quantity, at: offset,
                    "quantity \(quantity.prefix(40)) is not a whole number, left out", severity: .warning)
            }
        }
        if record.purl == nil && record.name.hasPrefix("pkg:") { record.purl = record.name }
        return true
    }
}
