import Inventory
import Testing

@Suite struct CSVReaderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let records: [[String]]
        var testDescription: String { input.debugDescription }
    }

    static let cases: [Case] = [
        Case(input: "a,b\n1,2\n", records: [["a", "b"], ["1", "2"]]),
        Case(input: "a,b\r\n1,2", records: [["a", "b"], ["1", "2"]]),
        Case(input: "\u{FEFF}a,b\n", records: [["a", "b"]]),
        Case(input: "\"x,y\",\"say \"\"hi\"\"\"\n", records: [["x,y", "say \"hi\""]]),
        Case(input: "\"multi\nline\",2\n3,4\n", records: [["multi\nline", "2"], ["3", "4"]]),
        Case(input: ",\n", records: [["", ""]]),
        Case(input: "微軟,Office 專業增強版 2019\n", records: [["微軟", "Office 專業增強版 2019"]]),
        // A quote inside an unquoted field is a character; an empty quoted field is empty; the last line may end
        // without a newline, and a quoted field may close the file.
        Case(input: "a\"b,c\"\n\"\",d\r\ne,\"f\"", records: [["a\"b", "c\""], ["", "d"], ["e", "f"]]),
    ]

    @Test(arguments: cases) func readsRecords(_ testCase: Case) {
        var reader = CSVReader(bytes: Array(testCase.input.utf8))
        var records: [[String]] = []
        while let record = reader.next() { records.append(record.fields) }
        #expect(reader.error == nil)
        #expect(records == testCase.records)
    }

    @Test func recordsKnowTheirLines() {
        var reader = CSVReader(bytes: Array("h\n\"a\nb\"\nc\n".utf8))
        #expect(reader.next()?.line == 1)
        #expect(reader.next()?.line == 2)
        #expect(reader.next()?.line == 4)
    }

    @Test func unclosedQuoteIsAnErrorNamingTheLine() {
        var reader = CSVReader(bytes: Array("a\nb\n\"open,1\n".utf8))
        while reader.next() != nil {}
        #expect(reader.error?.line == 3)
    }

    @Test func textAfterClosingQuoteIsAnError() {
        var reader = CSVReader(bytes: Array("\"a\"b,c\n".utf8))
        #expect(reader.next() == nil)
        #expect(reader.error == CSVError(line: 1, offset: 3, reason: "unexpected character after closing quote"))
    }
}

@Suite struct HostCPEInventoryTests {
    @Test func readsRowsWithTheirLines() throws {
        let text =
            "host,cpe\npc-01,cpe:2.3:a:google:chrome:120.0.6099.109:*:*:*:*:*:*:*\n\npc-02, cpe:2.3:a:7-zip:7-zip:23.01:*:*:*:*:*:*:* \n"
        let rows = try HostCPEInventory.parse(Array(text.utf8))
        #expect(rows.map(\.line) == [2, 4])
        #expect(rows.map(\.host) == ["pc-01", "pc-02"])
        #expect(rows[1].cpe == "cpe:2.3:a:7-zip:7-zip:23.01:*:*:*:*:*:*:*")
    }

    @Test func fieldsLoseWhitespaceBeyondASCIIToo() throws {
        let text = "host,cpe\n\u{3000}pc-03\u{00A0},\tcpe:2.3:a:v:p:1:*:*:*:*:*:*:*\u{2003}\n"
        let rows = try HostCPEInventory.parse(Array(text.utf8))
        #expect(rows == [HostCPERow(line: 2, host: "pc-03", cpe: "cpe:2.3:a:v:p:1:*:*:*:*:*:*:*")])
    }

    @Test func columnOrderAndExtraColumnsDoNotMatter() throws {
        let rows = try HostCPEInventory.parse(Array("note,CPE,Host\nx,cpe:2.3:a:v:p:1:*:*:*:*:*:*:*,h\n".utf8))
        #expect(rows == [HostCPERow(line: 2, host: "h", cpe: "cpe:2.3:a:v:p:1:*:*:*:*:*:*:*")])
    }

    @Test(arguments: [
        ("name,cpe\n", 1),
        ("host,cpe\npc,\n", 2),
        ("host,cpe\n,cpe:2.3:a:v:p:1:*:*:*:*:*:*:*\n", 2),
        ("host,cpe\npc\n", 2),
        ("", 1),
    ])
    func badInputNamesTheLine(_ text: String, _ line: Int) {
        #expect(throws: CSVError.self) { try HostCPEInventory.parse(Array(text.utf8)) }
        do {
            _ = try HostCPEInventory.parse(Array(text.utf8))
        } catch {
            #expect(error.line == line)
        }
    }
}
