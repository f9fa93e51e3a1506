/// RFC 4180 CSV for exports, UTF-8 with a byte-order mark (so spreadsheet programs in Taiwan open Chinese names
/// correctly) and CRLF line ends. A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
/// CR at the start) is prefixed with `'`, the usual guard against CSV injection; numbers are written as numbers.
public enum CSVWriter {
    public static func bytes(header: [String], rows: [[Cell]]) -> [UInt8] {
        var text = "\u{FEFF}"
        text += header.map { field(.text($0)) }.joined(separator: ",") + "\r\n"
        for row in rows {
            text += row.map(field).joined(separator: ",") + "\r\n"
        }
        return Array(text.utf8)
    }

    static func field(_ cell: Cell) -> String {
        switch cell {
        case .empty: return ""
        case .number(let value): return XLSXWriter.number(value)
        case .text(var text):
            if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
                text = "'" + text
            }
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacing("\"", with: "\"\"") + "\""
        }
    }
}
