/// Plain-text tables for terminals.
enum TableLayout {
    /// Columns are padded to the cells' width on a terminal, where Chinese characters take two columns
    /// (agency and system names are mostly Chinese).
    static func render(header: [String], rows: [[String]]) -> String {
        var widths = header.map(displayWidth)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], displayWidth(cell)) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - displayWidth(cell))
            }.joined(separator: "  ").trailingSpacesRemoved + "\n"
        }
        return line(header) + rows.map(line).joined()
    }

    /// The same rows as CSV (RFC 4180 quoting), one line per row, no line break after the last.
    static func csv(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(FindingFormatter.csvField).joined(separator: ",") }.joined(separator: "\n")
    }

    /// Terminal columns: two for East Asian wide and fullwidth characters (UAX #11), one for others.
    static func displayWidth(_ text: String) -> Int {
        text.reduce(0) { width, character in
            guard let scalar = character.unicodeScalars.first?.value else { return width }
            let wide =
                (0x1100...0x115F).contains(scalar) || (0x2E80...0xA4CF).contains(scalar) && scalar != 0x303F
                || (0xAC00...0xD7A3).contains(scalar) || (0xF900...0xFAFF).contains(scalar)
                || (0xFE30...0xFE4F).contains(scalar) || (0xFF00...0xFF60).contains(scalar)
                || (0xFFE0...0xFFE6).contains(scalar) || (0x20000...0x3FFFD).contains(scalar)
            return width + (wide ? 2 : 1)
        }
    }

    /// `vendor:product:version` of a CPE 2.3 formatted string, for narrow columns.
    static func shortCPE(_ cpe: String) -> String {
        let parts = cpe.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
        guard parts.count >= 6 else { return cpe }
        return parts[3...5].joined(separator: ":")
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
