import XML

/// Reads the first sheet (in tab order) of an Excel workbook as a table: its first non-empty row is the
/// header (`TableColumns`), each further row a record numbered with its sheet row. Cells are shown as Excel
/// shows them where that does not depend on the viewer: shared and inline strings (rich text joined),
/// booleans as TRUE/FALSE, errors as written (`#N/A`), numbers in the General format, dates and times in
/// ISO 8601. Formulas give their cached values.
///
/// The archive is held whole and the parts read are inflated in memory (see `ZIPArchive` for the limits);
/// rows are then produced a batch at a time from the sheet's XML.
struct XLSXReader {
    private var sheet: XMLTokenizer
    private let strings: [String]
    private let styles: [ExcelValue.DateKind?]
    private let date1904: Bool
    private let maxFields: Int
    private var columns: TableColumns?
    // The row and cell being read.
    private var rowNumber = 0
    private var cells: [String?] = []
    private var column = 0
    private var cellType = "n"
    private var cellStyle = 0
    private var value = ""
    private var inValue = false
    private var inInlineText = false
    private var phonetic = 0
    private var hasValue = false

    init(archive: [UInt8], options: InventoryOptions) throws(InventoryError) {
        var zip = try ZIPArchive(archive, options: options)
        let limits = XMLLimits(maxDepth: options.maxDepth, maxTokenLength: options.maxRecordBytes)
        guard let workbook = try zip.contents(of: "xl/workbook.xml") else {
            throw InventoryError(.unrecognizedFormat, offset: 0, "a ZIP archive that is not an Excel workbook")
        }
        let (sheetID, date1904) = try XLSXParts.workbook(workbook, limits: limits)
        let relations =
            try zip.contents(of: "xl/_rels/workbook.xml.rels").map {
                bytes throws(InventoryError) in try XLSXParts.relationships(bytes, limits: limits)
            } ?? [:]
        func part(_ suffix: String, _ fallback: String) -> String {
            relations.values.first { $0.type.hasSuffix(suffix) }?.path ?? fallback
        }
        let sheetPath = sheetID.flatMap { relations[$0]?.path } ?? "xl/worksheets/sheet1.xml"
        strings =
            try zip.contents(of: part("/sharedStrings", "xl/sharedStrings.xml")).map {
                bytes throws(InventoryError) in try XLSXParts.sharedStrings(bytes, limits: limits)
            } ?? []
        styles =
            try zip.contents(of: part("/styles", "xl/styles.xml")).map {
                bytes throws(InventoryError) in try XLSXParts.styles(bytes, limits: limits)
            } ?? []
        guard let sheetXML = try zip.contents(of: sheetPath) else {
            throw InventoryError(.malformed, offset: nil, "the workbook's first sheet \(sheetPath) is missing")
        }
        sheet = XMLTokenizer(sheetXML, limits: limits)
        self.date1904 = date1904
        maxFields = options.maxFields
    }

    /// Reads up to `limit` rows into `context`; false once the sheet has ended.
    mutating func read(into context: inout ReadContext, limit: Int) throws(InventoryError) -> Bool {
        var rows = 0
        while rows < limit {
            let token: XMLToken?
            do {
                token = try sheet.next()
            } catch {
                var refusal = CycloneDXXMLReader.refusal(error)
                refusal.offset = nil
                refusal.detail = "first sheet: \(refusal.detail) (at byte \(error.offset) of the sheet)"
                throw refusal
            }
            guard let token else {
                guard columns != nil else {
                    throw InventoryError(
                        .unrecognizedFormat, offset: nil, "the workbook's first sheet has no header row")
                }
                return false
            }
            if try take(token, context: &context) { rows += 1 }
        }
        return true
    }

    /// Handles one token; true when it ended a row.
    private mutating func take(_ token: XMLToken, context: inout ReadContext) throws(InventoryError) -> Bool {
        switch token {
        case .start(let name, let attributes):
            switch XMLToken.localName(name) {
            case "row":
                rowNumber = attributes.value(of: "r").flatMap { Int($0) } ?? rowNumber + 1
                cells.removeAll(keepingCapacity: true)
                column = 0
            case "c":
                if let reference = attributes.value(of: "r"), let index = Self.column(reference) { column = index }
                cellType = attributes.value(of: "t") ?? "n"
                cellStyle = attributes.value(of: "s").flatMap { Int($0) } ?? 0
                value = ""
                hasValue = false
            case "v": inValue = true
            case "t": inInlineText = phonetic == 0
            case "rPh": phonetic += 1
            default: break
            }
        case .text(let text):
            if inValue || inInlineText {
                value += text
                hasValue = true
            }
        case .end(let name):
            switch XMLToken.localName(name) {
            case "v": inValue = false
            case "t": inInlineText = false
            case "rPh": phonetic -= 1
            case "c":
                try store(cellText(), row: rowNumber, context: &context)
                column += 1
            case "row":
                return try row(context: &context)
            default: break
            }
        }
        return false
    }

    private mutating func store(_ text: String?, row: Int, context: inout ReadContext) throws(InventoryError) {
        guard column < maxFields else {
            throw InventoryError(.tooManyFields, offset: nil, "sheet row \(row) has a cell past column \(maxFields)")
        }
        guard let text else { return }
        if cells.count <= column { cells.append(contentsOf: repeatElement(nil, count: column + 1 - cells.count)) }
        cells[column] = text
    }

    private func cellText() -> String? {
        guard hasValue || !value.isEmpty else { return nil }
        switch cellType {
        case "s":
            guard let index = Int(value), strings.indices.contains(index) else { return "" }
            return strings[index]
        case "b": return value == "1" ? "TRUE" : "FALSE"
        case "inlineStr", "str", "e", "d": return value
        default:
            let kind = styles.indices.contains(cellStyle) ? styles[cellStyle] : nil
            switch kind {
            case .date: return ExcelValue.date(value, timeOnly: false, date1904: date1904)
            case .time: return ExcelValue.date(value, timeOnly: true, date1904: date1904)
            case nil: return ExcelValue.general(value)
            }
        }
    }

    /// Ends a row: the header, a record, or nothing for an empty row before the header.
    private mutating func row(context: inout ReadContext) throws(InventoryError) -> Bool {
        let row = CellRow(cells: cells)
        guard let columns else {
            guard !cells.allSatisfy({ ($0 ?? "").trimmingSpaces.isEmpty }) else { return false }
            guard let header = TableColumns(header: cells.map { $0 ?? "" }, recordFormat: .xlsx) else {
                throw InventoryError(
                    .unrecognizedFormat, offset: nil,
                    "row \(rowNumber) of the first sheet, its first, names no name, CPE or host column")
            }
            columns = header
            return false
        }
        columns.emit(row, number: rowNumber, at: nil, context: &context)
        return true
    }

    /// `C12` → 2 (zero-based column of a cell reference).
    static func column(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference.utf8 {
            guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { break }
            index = index * 26 + Int(byte - UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 4 { return nil }
        }
        return letters > 0 ? index - 1 : nil
    }
}

private struct CellRow: TableRow {
    let cells: [String?]

    var count: Int { cells.count }

    func string(at column: Int) -> String? { column < cells.count ? cells[column] : nil }

    func isBlank(at column: Int) -> Bool { (string(at: column) ?? "").trimmingSpaces.isEmpty }
}
