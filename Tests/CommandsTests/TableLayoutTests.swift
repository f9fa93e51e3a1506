import Testing

@testable import Commands

/// Terminal tables line up when cells hold Chinese names, which take two columns each.
struct TableLayoutTests {
    @Test(arguments: [
        ("abc", 3), ("國家資通安全研究院", 18), ("臺北市 Taipei", 13), ("ＡＢ", 4), ("café", 4), ("", 0),
        ("한국", 4), ("〿", 1),
    ])
    func width(text: String, columns: Int) {
        #expect(TableLayout.displayWidth(text) == columns)
    }

    @Test func columnsLineUp() {
        let rows = [["國家資通安全研究院", "公文系統", "3"], ["A.1", "mail", "12"], ["臺北市政府", "ERP 系統", "0"]]
        let table = TableLayout.render(header: ["agency", "system", "uncovered"], rows: rows)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        // The last column starts at the same terminal column on every line.
        let lastCells = ["uncovered"] + rows.map { $0[2] }
        let starts = zip(lines, lastCells).map { line, cell in
            TableLayout.displayWidth(String(line.dropLast(cell.count)))
        }
        #expect(Set(starts) == [18 + 2 + 8 + 2], "\(table)")
    }
}

/// RFC 4180 quoting of the CSV the commands write: a field is quoted when it holds a comma, a quote or a line
/// break, including CR LF (one `Character` in Swift, which a character-wise test for "\n" or "\r" misses).
struct CSVFieldTests {
    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("crlf\r\nline", "\"crlf\r\nline\""), ("臺北市,新北市", "\"臺北市,新北市\""), ("", ""),
    ])
    func quoting(field: String, written: String) {
        #expect(FindingFormatter.csvField(field) == written)
    }
}
