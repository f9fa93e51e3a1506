/// A cell of an exported sheet.
public enum Cell: Hashable, Sendable {
    case text(String)
    case number(Double)
    case empty
}

/// An Office Open XML workbook (`.xlsx`) with one sheet of rows, the first row bold as a header. Strings are inline
/// (no shared-string table), which every reader accepts and keeps the writer one pass.
public struct XLSXWriter: Sendable {
    public var sheetName: String
    public var header: [String]
    public var rows: [[Cell]]

    public init(sheetName: String, header: [String], rows: [[Cell]]) {
        self.sheetName = sheetName
        self.header = header
        self.rows = rows
    }

    public func bytes() -> [UInt8] {
        var zip = ZIPWriter()
        zip.add("[Content_Types].xml", Array(Self.contentTypes.utf8))
        zip.add("_rels/.rels", Array(Self.packageRelationships.utf8))
        zip.add("xl/workbook.xml", Array(workbook.utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(Self.workbookRelationships.utf8))
        zip.add("xl/styles.xml", Array(Self.styles.utf8))
        zip.add("xl/worksheets/sheet1.xml", Array(sheet.utf8))
        return zip.finish()
    }

    var workbook: String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="\(Self.escape(String(sheetName.prefix(31))))" sheetId="1" r:id="rId1"/></sheets>\
        </workbook>
        """
    }

    var sheet: String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            """
        let all = [header.map(Cell.text)] + rows
        for (index, row) in all.enumerated() {
            let number = index + 1
            xml += "<row r=\"\(number)\">"
            for (column, cell) in row.enumerated() {
                let reference = "\(Self.columnName(column))\(number)"
                let style = index == 0 ? " s=\"1\"" : ""
                switch cell {
                case .text(let text):
                    xml += "<c r=\"\(reference)\" t=\"inlineStr\"\(style)><is><t xml:space=\"preserve\">"
                    xml += Self.escape(text) + "</t></is></c>"
                case .number(let value):
                    xml += "<c r=\"\(reference)\"\(style)><v>\(Self.number(value))</v></c>"
                case .empty:
                    continue
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// `A`…`Z`, `AA`…: spreadsheet column letters for a 0-based index.
    static func columnName(_ index: Int) -> String {
        var name = ""
        var remaining = index + 1
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            remaining = (remaining - 1) / 26
        }
        return name
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// XML text escaping; characters XML 1.0 forbids (most C0 controls) are dropped, since a spreadsheet cannot
    /// hold them anyway.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
        Target="xl/workbook.xml"/></Relationships>
        """

    static let workbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
        Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
        Target="styles.xml"/></Relationships>
        """

    /// Two cell formats: 0 plain, 1 bold (the header).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill>\
        <fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border/></borders>\
        <cellStyleXfs count="1"><xf/></cellStyleXfs>\
        <cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs>\
        </styleSheet>
        """
}
