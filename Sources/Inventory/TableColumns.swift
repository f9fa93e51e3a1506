/// A row of a table (a CSV record, a spreadsheet row): the text of a column, nil past the row's end.
protocol TableRow {
    var count: Int { get }
    func string(at column: Int) -> String?
    /// Whether the column holds nothing but spaces.
    func isBlank(at column: Int) -> Bool
}

/// Which column of a table holds which record field, decided from the header row (see `TableColumns+Aliases`
/// for the names recognised), and the table's format.
struct TableColumns {
    enum Field: Int, CaseIterable {
        case name, publisher, version, host, operatingSystem, cpe, cpeTitle, category, agencyOID, agencyName
        case quantity, locale, architecture, purl, assetGroup, systemComponent, parentKeyName, releaseType
        case registryPath
    }

    let format: InventoryFormat
    /// The format records say they came in, when not the table's own (`xlsx` for a spreadsheet's rows).
    var recordFormat: InventoryFormat?
    /// The header as written, for naming fields in issues.
    let header: [String]
    private let columns: [Int?]

    init?(header: [String], powershellTypeLine: Bool = false) {
        let normalized = header.map(Self.normalize)
        var columns = [Int?](repeating: nil, count: Field.allCases.count)
        for field in Field.allCases {
            for alias in Self.aliases[field.rawValue] {
                if let index = normalized.firstIndex(of: alias) {
                    columns[field.rawValue] = index
                    break
                }
            }
        }
        let named = columns[Field.name.rawValue] != nil
        let vansColumns = normalized.filter { Self.vansOnly.contains($0) }.count
        if powershellTypeLine || normalized.contains(where: { Self.powershellOnly.contains($0) }) {
            guard named else { return nil }
            format = .powershellCSV
        } else if vansColumns >= 2 {
            format = .vansCSV
        } else if named {
            format = .genericCSV
        } else if columns[Field.host.rawValue] != nil && columns[Field.cpe.rawValue] != nil {
            format = .hostCPE
        } else {
            return nil
        }
        self.header = header
        self.columns = columns
    }

    subscript(field: Field) -> Int? { columns[field.rawValue] }

    func fieldName(_ field: Field) -> String? {
        guard let column = columns[field.rawValue], column < header.count else { return nil }
        return header[column]
    }

    /// The record for a data row, or nil after reporting why there is none.
    func record(_ row: some TableRow, number: Int, at textOffset: Int?, context: inout ReadContext) -> InventoryRecord?
    {
        func value(_ field: Field) -> String? {
            guard let column = columns[field.rawValue] else { return nil }
            return RecordValues.text(row.string(at: column))
        }
        if (0..<row.count).allSatisfy({ row.isBlank(at: $0) }) {
            context.skip(.blankRow)
            return nil
        }
        if row.count > header.count, (header.count..<row.count).contains(where: { !row.isBlank(at: $0) }) {
            context.issue(
                row: number, at: textOffset,
                "\(row.count) fields where the header has \(header.count) (a delimiter inside an unquoted value?)")
            return nil
        }
        if format == .powershellCSV {
            if row.string(at: 0)?.hasPrefix("#TYPE ") == true || isHeader(row) {
                context.skip(.repeatedHeader)
                return nil
            }
            guard value(.name) != nil else {
                context.skip(.noDisplayName)
                return nil
            }
            if RecordValues.isPatch(parentKeyName: value(.parentKeyName), releaseType: value(.releaseType)) {
                context.skip(.patch)
                return nil
            }
        }
        var raw = RawRecord(
            name: value(.name), publisher: value(.publisher), version: value(.version), host: value(.host),
            operatingSystem: value(.operatingSystem), cpe: value(.cpe), cpeTitle: value(.cpeTitle),
            category: value(.category), agencyOID: value(.agencyOID), agencyName: value(.agencyName),
            quantity: value(.quantity), locale: value(.locale), architecture: value(.architecture),
            purl: value(.purl), assetGroup: value(.assetGroup))
        raw.isSystemComponent = RecordValues.isSet(value(.systemComponent))
        raw.nameField = fieldName(.name) ?? "name"
        raw.cpeField = fieldName(.cpe) ?? "cpe"
        raw.quantityField = fieldName(.quantity) ?? "quantity"
        if format == .powershellCSV {
            raw.locale = value(.locale).flatMap(LCID.tag)
            if value(.registryPath)?.lowercased().contains("\\wow6432node\\") == true { raw.architecture = "x86" }
        }
        let record = raw.record(row: number, format: recordFormat ?? format, at: textOffset, context: &context)
        if record != nil && row.count < header.count {
            context.issue(
                row: number, at: textOffset,
                "\(row.count) fields where the header has \(header.count); the missing ones read as empty",
                severity: .warning)
        }
        return record
    }

    private func isHeader(_ row: some TableRow) -> Bool {
        guard let column = columns[Field.name.rawValue] else { return false }
        return row.string(at: column) == header[column]
    }

    /// Lower-case ASCII letters; spaces, underscores, hyphens, dots, slashes and brackets (ASCII or full-width)
    /// dropped: `Display Name`, `display_name` and `DisplayName` are one name, as are `機關 OID` and `機關OID`.
    static func normalize(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case " ", "_", "-", ".", "/", "(", ")", "\u{3000}", "\u{FF08}", "\u{FF09}", "\u{FEFF}", "\t", "\"", "#":
                continue
            case "A"..."Z": result.unicodeScalars.append(Unicode.Scalar(scalar.value + 32) ?? scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
