/// A row of a table (a CSV record, a spreadsheet row): the text of a column, nil past the row's end.
protocol TableRow {
    var count: Int { get }
    func string(at column: Int) -> String?
    /// Whether the column holds nothing but spaces.
    func isBlank(at column: Int) -> Bool
}

/// Which column of a table holds which record field, decided from the header row (see `TableColumns+Aliases`
/// for the names recognised), and the table's format. A class, since every row consults it and a struct of
/// arrays would be copied (and retained) for each.
final class TableColumns {
    enum Field: Int, CaseIterable {
        case name, publisher, version, host, operatingSystem, cpe, cpeTitle, category, agencyOID, agencyName
        case quantity, locale, architecture, purl, assetGroup, systemComponent, parentKeyName, releaseType
        case registryPath
    }

    let format: InventoryFormat
    /// The format records say they came in, when not the table's own (`xlsx` for a spreadsheet's rows).
    let recordFormat: InventoryFormat?
    /// The header as written, for naming fields in issues.
    let header: [String]
    private let columns: [Int?]
    private let names: RawRecord.FieldNames

    init?(header: [String], powershellTypeLine: Bool = false, recordFormat: InventoryFormat? = nil) {
        self.recordFormat = recordFormat
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
        func name(_ field: Field, _ fallback: String) -> String {
            columns[field.rawValue].map { header[$0] } ?? fallback
        }
        names = RawRecord.FieldNames(
            name: name(.name, "name"), cpe: name(.cpe, "cpe"), quantity: name(.quantity, "quantity"))
    }

    /// Emits the record for a data row, or reports why there is none. The record is built in place at the end of
    /// the context's buffer: at a million rows, every copy of a 20-field record shows.
    func emit(_ row: some TableRow, number: Int, at textOffset: Int?, context: inout ReadContext) {
        // Values as written; each is trimmed once as it is stored.
        func value(_ field: Field) -> String? {
            guard let column = columns[field.rawValue] else { return nil }
            return row.string(at: column)
        }
        func text(_ field: Field) -> String? {
            guard let column = columns[field.rawValue] else { return nil }
            return RecordValues.text(row.string(at: column))
        }
        guard admits(row, number: number, at: textOffset, context: &context) else { return }
        context.records.append(
            InventoryRecord(row: number, name: text(.name) ?? "", format: recordFormat ?? format))
        let last = context.records.count - 1
        context.records.withUnsafeMutableBufferPointer { records in
            records[last].publisher = text(.publisher)
            records[last].version = text(.version)
            records[last].host = text(.host)
            records[last].operatingSystem = text(.operatingSystem)
            records[last].cpeTitle = text(.cpeTitle).flatMap { RecordValues.isNone($0) ? nil : $0 }
            records[last].category = text(.category)
            records[last].agencyOID = text(.agencyOID)
            records[last].agencyName = text(.agencyName)
            records[last].locale = text(.locale)
            records[last].architecture = text(.architecture)
            records[last].purl = text(.purl)
            records[last].assetGroup = text(.assetGroup)
            records[last].isSystemComponent = RecordValues.isSet(value(.systemComponent))
            if format == .powershellCSV {
                records[last].locale = records[last].locale.flatMap(LCID.tag)
                if value(.registryPath)?.lowercased().contains("\\wow6432node\\") == true {
                    records[last].architecture = "x86"
                }
            }
        }
        guard
            RawRecord.finish(
                &context.records[last], cpe: value(.cpe), quantity: value(.quantity), names: names, at: textOffset,
                issues: &context.issues)
        else {
            context.records.removeLast()
            return
        }
        if row.count < header.count {
            context.issue(
                row: number, at: textOffset,
                "\(row.count) fields where the header has \(header.count); the missing ones read as empty",
                severity: .warning)
        }
    }

    /// Whether a row is data: not blank, not wider than the header, and for PowerShell not a repeated header, an
    /// entry without DisplayName or a patch.
    private func admits(_ row: some TableRow, number: Int, at textOffset: Int?, context: inout ReadContext) -> Bool {
        if (0..<row.count).allSatisfy({ row.isBlank(at: $0) }) {
            context.skip(.blankRow)
            return false
        }
        if row.count > header.count, (header.count..<row.count).contains(where: { !row.isBlank(at: $0) }) {
            context.issue(
                row: number, at: textOffset,
                "\(row.count) fields where the header has \(header.count) (a delimiter inside an unquoted value?)")
            return false
        }
        guard format == .powershellCSV else { return true }
        func text(_ field: Field) -> String? {
            guard let column = columns[field.rawValue] else { return nil }
            return RecordValues.text(row.string(at: column))
        }
        if row.string(at: 0)?.hasPrefix("#TYPE ") == true || isHeader(row) {
            context.skip(.repeatedHeader)
            return false
        }
        guard text(.name) != nil else {
            context.skip(.noDisplayName)
            return false
        }
        if RecordValues.isPatch(parentKeyName: text(.parentKeyName), releaseType: text(.releaseType)) {
            context.skip(.patch)
            return false
        }
        return true
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
