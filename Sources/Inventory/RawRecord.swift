/// A record's values as a source gave them, before clean-up: every format fills one and `record(…)` applies
/// the shared rules (trimming, "N/A" for no CPE, CPE shape, whole-number quantity, a name or a CPE required).
struct RawRecord {
    var name: String?
    var publisher: String?
    var version: String?
    var host: String?
    var operatingSystem: String?
    var cpe: String?
    var cpeTitle: String?
    var category: String?
    var agencyOID: String?
    var agencyName: String?
    var quantity: String?
    var locale: String?
    var architecture: String?
    var purl: String?
    var group: String?
    var release: String?
    var epoch: String?
    var assetGroup: String?
    var isSystemComponent = false
    /// The source's own names for fields an issue may name.
    var nameField = "name"
    var cpeField = "cpe"
    var quantityField = "quantity"

    /// The record, or nil after reporting why there is none; warnings for values left out.
    func record(
        row: Int, format: InventoryFormat, at offset: Int?, context: inout ReadContext
    ) -> InventoryRecord? {
        var record = InventoryRecord(row: row, name: RecordValues.text(name) ?? "", format: format)
        switch RecordValues.cpe(cpe) {
        case .absent: break
        case .valid(let cpe): record.cpe = cpe
        case .invalid(let text):
            context.issue(
                row: row, field: cpeField, at: offset, "not a CPE 2.3 formatted string, left out: \(text.prefix(200))",
                severity: .warning)
        }
        guard !record.name.isEmpty || record.cpe != nil else {
            context.issue(row: row, field: nameField, at: offset, "no name and no CPE")
            return nil
        }
        record.publisher = RecordValues.text(publisher)
        record.version = RecordValues.text(version)
        record.host = RecordValues.text(host)
        record.operatingSystem = RecordValues.text(operatingSystem)
        record.cpeTitle = RecordValues.text(cpeTitle).flatMap { $0.uppercased() == "N/A" ? nil : $0 }
        record.category = RecordValues.text(category)
        record.agencyOID = RecordValues.text(agencyOID)
        record.agencyName = RecordValues.text(agencyName)
        record.locale = RecordValues.text(locale)
        record.architecture = RecordValues.text(architecture)
        record.purl = RecordValues.text(purl)
        record.group = RecordValues.text(group)
        record.release = RecordValues.text(release)
        record.epoch = RecordValues.text(epoch)
        record.assetGroup = RecordValues.text(assetGroup)
        record.isSystemComponent = isSystemComponent
        if let quantity = RecordValues.text(quantity) {
            record.quantity = RecordValues.quantity(quantity)
            if record.quantity == nil {
                context.issue(
                    row: row, field: quantityField, at: offset,
                    "quantity \(quantity.prefix(40)) is not a whole number, left out", severity: .warning)
            }
        }
        if record.purl == nil && record.name.hasPrefix("pkg:") { record.purl = record.name }
        return record
    }
}
