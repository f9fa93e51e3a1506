/// Plain-text tables for terminals.
enum TableLayout {
    static func render(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ").trailingSpacesRemoved + "\n"
        }
        return line(header) + rows.map(line).joined()
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
