import XML

/// The workbook parts an XLSX reader needs besides the sheet: which sheet is first, where the parts are, the
/// shared strings and which cell styles are dates.
enum XLSXParts {
    /// Runs `body` on every token of an XML part held whole.
    static func tokens(
        _ bytes: [UInt8], part: String, limits: XMLLimits, _ body: (XMLToken) throws(InventoryError) -> Void
    ) throws(InventoryError) {
        var tokenizer = XMLTokenizer(bytes, limits: limits)
        while true {
            let token: XMLToken?
            do {
                token = try tokenizer.next()
            } catch {
                var refusal = CycloneDXXMLReader.refusal(error)
                refusal.offset = nil
                refusal.detail = "\(part): \(refusal.detail) (at byte \(error.offset) of the part)"
                throw refusal
            }
            guard let token else { return }
            try body(token)
        }
    }

    /// The relationship id of the first sheet (in tab order) and whether dates count from 1904.
    static func workbook(_ bytes: [UInt8], limits: XMLLimits) throws(InventoryError) -> (sheet: String?, date1904: Bool)
    {
        var sheet: String?
        var date1904 = false
        try tokens(bytes, part: "xl/workbook.xml", limits: limits) { token throws(InventoryError) in
            guard case .start(let name, let attributes) = token else { return }
            switch XMLToken.localName(name) {
            case "sheet" where sheet == nil:
                sheet = attributes.first { $0.name.hasSuffix(":id") }?.value
            case "workbookPr":
                date1904 = ["1", "true"].contains(attributes.value(of: "date1904") ?? "")
            default: break
            }
        }
        return (sheet, date1904)
    }

    /// Relationship id → (type, part path inside the archive) from `xl/_rels/workbook.xml.rels`.
    static func relationships(_ bytes: [UInt8], limits: XMLLimits) throws(InventoryError) -> [String: (
        type: String, path: String
    )] {
        var result: [String: (type: String, path: String)] = [:]
        try tokens(bytes, part: "xl/_rels/workbook.xml.rels", limits: limits) { token throws(InventoryError) in
            guard case .start(let name, let attributes) = token, XMLToken.localName(name) == "Relationship",
                let id = attributes.value(of: "Id"), let target = attributes.value(of: "Target")
            else { return }
            result[id] = (attributes.value(of: "Type") ?? "", path(target))
        }
        return result
    }

    /// A target relative to `xl/` (or absolute from the archive root) as an entry name.
    static func path(_ target: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : ["xl"]
        for part in target.split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    /// The shared string table: each `si`'s text, rich-text runs joined, phonetic runs (`rPh`) left out.
    static func sharedStrings(_ bytes: [UInt8], limits: XMLLimits) throws(InventoryError) -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        try tokens(bytes, part: "xl/sharedStrings.xml", limits: limits) { token throws(InventoryError) in
            switch token {
            case .start(let name, _):
                switch XMLToken.localName(name) {
                case "si": current = ""
                case "t": inText = phonetic == 0
                case "rPh": phonetic += 1
                default: break
                }
            case .text(let text):
                if inText { current += text }
            case .end(let name):
                switch XMLToken.localName(name) {
                case "si": strings.append(current)
                case "t": inText = false
                case "rPh": phonetic -= 1
                default: break
                }
            }
        }
        return strings
    }

    /// For each cell style (`cellXfs/xf`, by index), whether its number format shows a date or a time.
    static func styles(_ bytes: [UInt8], limits: XMLLimits) throws(InventoryError) -> [ExcelValue.DateKind?] {
        var custom: [Int: ExcelValue.DateKind?] = [:]
        var styles: [ExcelValue.DateKind?] = []
        var inCellFormats = false
        try tokens(bytes, part: "xl/styles.xml", limits: limits) { token throws(InventoryError) in
            switch token {
            case .start(let name, let attributes):
                switch XMLToken.localName(name) {
                case "numFmt":
                    if let id = attributes.value(of: "numFmtId").flatMap({ Int($0) }) {
                        custom[id] = ExcelValue.customKind(attributes.value(of: "formatCode") ?? "")
                    }
                case "cellXfs": inCellFormats = true
                case "xf" where inCellFormats:
                    let id = attributes.value(of: "numFmtId").flatMap { Int($0) } ?? 0
                    styles.append(custom[id] ?? ExcelValue.builtInKind(id))
                default: break
                }
            case .end(let name):
                if XMLToken.localName(name) == "cellXfs" { inCellFormats = false }
            case .text: break
            }
        }
        return styles
    }
}
