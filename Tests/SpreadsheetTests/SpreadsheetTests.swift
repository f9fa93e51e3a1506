import Foundation
import Testing

@testable import Inventory
@testable import Spreadsheet

@Suite struct SpreadsheetTests {
    static let header = ["DisplayName", "DisplayVersion", "Publisher", "ComputerName"]
    static let rows: [[Cell]] = [
        [.text("趨勢科技 Apex One 安全防護代理程式"), .text("14.0.12980"), .text("趨勢科技"), .text("pc-0001")],
        [.text("Notepad++ <x64> & \"friends\""), .text("8.5.8"), .text("Notepad++ Team"), .text("pc-0002")],
        [.text("=cmd|' /C calc'!A0"), .number(7), .empty, .text("pc-0003")],
    ]

    /// The workbook is read back by the project's own XLSX inventory reader (a separate implementation of the ZIP
    /// container with CRC checks and of the sheet XML): every value comes back as written.
    @Test func anXLSXExportReadsBackCellForCell() throws {
        let bytes = XLSXWriter(sheetName: "機關總覽", header: Self.header, rows: Self.rows).bytes()
        var reader = InventoryReader(fileName: "export.xlsx")
        var collector = InventoryCollector()
        try reader.feed(bytes, to: &collector)
        _ = try reader.finish(to: &collector)
        #expect(reader.format == .xlsx)
        #expect(
            collector.records.map(\.name) == [
                "趨勢科技 Apex One 安全防護代理程式", "Notepad++ <x64> & \"friends\"", "=cmd|' /C calc'!A0",
            ])
        #expect(collector.records.map(\.version) == ["14.0.12980", "8.5.8", "7"])
        #expect(collector.records.map(\.host) == ["pc-0001", "pc-0002", "pc-0003"])
        #expect(collector.records[2].publisher == nil)
    }

    /// Python's zipfile (an independent reader) finds the archive sound, every CRC right, and the parts an XLSX needs.
    @Test func pythonsZipfileAcceptsTheArchive() throws {
        let bytes = XLSXWriter(sheetName: "Agencies", header: Self.header, rows: Self.rows).bytes()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vans-\(UUID()).xlsx")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(' '.join(sorted(z.namelist())))",
            file.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let names = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(
            names.trimmingCharacters(in: .whitespacesAndNewlines)
                == "[Content_Types].xml _rels/.rels xl/_rels/workbook.xml.rels xl/styles.xml xl/workbook.xml xl/worksheets/sheet1.xml"
        )
    }

    @Test func theSameDataGivesTheSameBytes() {
        let first = XLSXWriter(sheetName: "A", header: Self.header, rows: Self.rows).bytes()
        #expect(first == XLSXWriter(sheetName: "A", header: Self.header, rows: Self.rows).bytes())
    }

    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])
    func columnNames(index: Int, name: String) {
        #expect(XLSXWriter.columnName(index) == name)
    }

    @Test(arguments: [
        (Cell.text("plain"), "plain"),
        (.text("a,b"), "\"a,b\""),
        (.text("say \"hi\""), "\"say \"\"hi\"\"\""),
        (.text("two\nlines"), "\"two\nlines\""),
        (.text("=SUM(A1:A2)"), "'=SUM(A1:A2)"),
        (.text("-1+2"), "'-1+2"),
        (.text("@cmd"), "'@cmd"),
        (.text("監察院"), "監察院"),
        (.number(15.52), "15.52"),
        (.number(578), "578"),
        (.empty, ""),
    ])
    func csvFields(cell: Cell, field: String) {
        #expect(CSVWriter.field(cell) == field)
    }

    @Test func csvHasAByteOrderMarkAndCRLF() {
        let bytes = CSVWriter.bytes(header: ["機關", "數量"], rows: [[.text("監察院"), .number(3)]])
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == "機關,數量\r\n監察院,3\r\n")
    }
}
