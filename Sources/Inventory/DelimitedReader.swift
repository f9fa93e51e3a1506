/// Reads header-led CSV or TSV: VANS tables, generic software lists, PowerShell `ConvertTo-Csv` output (with
/// or without its `#TYPE` line) and the `host,cpe` list. The header row decides the columns (`TableColumns`);
/// each further record becomes a record or an issue. Row numbers are the line a record starts on.
struct DelimitedReader: TextFormatReader {
    private var scanner: DelimitedScanner
    private var columns: TableColumns?
    private var line = 1
    private var typeLine = false
    private var fileName: String?

    init(delimiter: UInt8, options: InventoryOptions) {
        scanner = DelimitedScanner(
            delimiter: delimiter, maxFields: options.maxFields, maxRecordBytes: options.maxRecordBytes)
    }

    var format: InventoryFormat? { columns?.format }

    mutating func read(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, context: inout ReadContext
    ) throws(InventoryError) -> Int {
        var index = start
        while index < text.count {
            let row = line
            switch try scanner.scan(text, from: index, textBase: context.textBase, final: final) {
            case .needMore:
                return index
            case .malformed(let next, let offset, let reason):
                line += scanner.lines
                context.attributeFaults(before: context.textBase + next, row: row)
                if columns == nil {
                    throw InventoryError(.malformed, offset: nil, "the header row is broken: \(reason)")
                }
                context.issue(row: row, at: offset, reason)
                index = next
            case .record(let next):
                line += scanner.lines
                context.attributeFaults(before: context.textBase + next, row: row)
                try take(row: row, text: text, at: index, context: &context)
                index = next
            }
        }
        return index
    }

    private mutating func take(
        row: Int, text: UnsafeBufferPointer<UInt8>, at index: Int, context: inout ReadContext
    ) throws(InventoryError) {
        guard let columns else {
            let fields = scanner.fields.map { DelimitedScanner.string(text, $0) }
            if row == 1 && fields.count == 1 && fields[0].hasPrefix("#TYPE ") {
                typeLine = true
                return
            }
            guard let header = TableColumns(header: fields, powershellTypeLine: typeLine) else {
                throw InventoryError(.unrecognizedFormat, offset: nil, "the header names no name, CPE or host column")
            }
            self.columns = header
            context.format = header.format
            return
        }
        let offset = context.textBase + index
        scanner.fields.withUnsafeBufferPointer { fields in
            columns.emit(ScannedRow(fields: fields, text: text), number: row, at: offset, context: &context)
        }
    }
}

/// The record a `DelimitedScanner` last found, as a table row.
private struct ScannedRow: TableRow {
    let fields: UnsafeBufferPointer<DelimitedScanner.Field>
    let text: UnsafeBufferPointer<UInt8>

    var count: Int { fields.count }

    func string(at column: Int) -> String? {
        column < fields.count ? DelimitedScanner.string(text, fields[column]) : nil
    }

    func isBlank(at column: Int) -> Bool {
        column >= fields.count || DelimitedScanner.isBlank(text, fields[column])
    }
}
