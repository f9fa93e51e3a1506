import Testing

@testable import Inventory

@Suite struct EncodingTests {
    static let names = [
        "微軟 Office 專業增強版 2019", "趨勢科技 Apex One 安全防護代理程式", "福昕閱讀器", "Adobe Acrobat Reader DC - Chinese Traditional",
        "Microsoft SQL Server 2019 (64-bit)",
    ]

    @Test(arguments: [
        ("vans_zh-TW_excel-cp950.csv", TextEncoding.cp950),
        ("vans_zh-TW_excel-utf8-bom.csv", .utf8),
        ("vans_zh-TW_excel-unicode.txt", .utf16LE),
    ])
    func readsTheSameTableInEveryExcelEncoding(_ fixture: String, _ encoding: TextEncoding) throws {
        let file = try Read.fixture(fixture)
        #expect(file.summary.encoding == encoding)
        #expect(file.summary.format == .vansCSV)
        #expect(file.issues == [])
        #expect(file.records.map(\.name) == Self.names)
        #expect(file.records[0].publisher == "微軟")
        #expect(file.records[1].publisher == "趨勢科技")
        #expect(file.records[3].publisher == "Adobe Systems, Inc.")
        #expect(file.records.allSatisfy { $0.agencyName == "監察院" && $0.agencyOID == "2.16.886.101.20007" })
        #expect(file.records[4].quantity == 2)
        #expect(file.records[4].host == "SRV-01")
        #expect(file.records[0].cpeTitle == "Microsoft Office 2019 Professional Plus")
    }

    @Test func utf8ChineseWithoutAMarkIsNotReadAsBig5() throws {
        let bytes = Array(try TestSupportBytes.fixture("Inventory/vans_zh-TW_excel-utf8-bom.csv").dropFirst(3))
        let file = try InventoryReader.read(bytes)
        #expect(file.summary.encoding == .utf8)
        #expect(file.records.map(\.name) == Self.names)
    }

    @Test func undecodableBytesAreReportedWithRowAndOffsetAndTheRestLoads() throws {
        let file = try Read.fixture("vans_zh-TW_cp950_bad-bytes.csv")
        #expect(file.summary.encoding == .cp950)
        #expect(file.records.count == 5)
        #expect(file.records[2].name == "福昕\u{FFFD}讀器")
        #expect(file.records[3].name == "Adobe Acrobat Reader DC - Chinese Traditional\u{FFFD}")
        #expect(file.records[3].publisher == "Adobe Systems, Inc.")
        #expect(
            file.issues == [
                InventoryIssue(
                    row: 4, offset: 413, reason: "undecodable byte(s) FA 40 in cp950; read as U+FFFD",
                    severity: .warning),
                InventoryIssue(
                    row: 5, offset: 537, reason: "undecodable byte(s) B7 in cp950; read as U+FFFD", severity: .warning),
            ])
    }

    @Test func issueOffsetsAreOffsetsInTheFileAsUploaded() throws {
        // A bad CPE in row 7, after rows of two- and three-byte characters: the offset must count CP950 bytes.
        let base = try TestSupportBytes.fixture("Inventory/vans_zh-TW_excel-cp950.csv")
        let extra: [UInt8] =
            Array("2.16.886.101.20007,".utf8) + [0xBA, 0xCA, 0xB9, 0xEE]
            + Array(",PC-9,x,,,cpe:2.3:bad,,1,software\r\n".utf8)
        let file = try InventoryReader.read(base + extra)
        #expect(file.summary.encoding == .cp950)
        #expect(file.issues.map(\.offset) == [base.count])
        #expect(file.issues.map(\.row) == [7])
        #expect(file.records.last?.agencyName == "監察")
        // The same in UTF-16LE: two bytes a code unit, after the mark.
        let text = "name,cpe\r\n福昕閱讀器,N/A\r\n𠀀 Extension B,cpe:2.3:bad\r\n"
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { unit in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let wide = try InventoryReader.read(utf16)
        let rowStart = 2 + 2 * "name,cpe\r\n福昕閱讀器,N/A\r\n".utf16.count
        #expect(wide.issues.map(\.offset) == [rowStart])
        #expect(wide.records.last?.name == "𠀀 Extension B")
    }

    @Test(arguments: [
        ("generic_utf16le_no-bom.csv", TextEncoding.utf16LE), ("generic_utf16be_no-bom.tsv", .utf16BE),
    ])
    func findsUTF16WithoutAMark(_ fixture: String, _ encoding: TextEncoding) throws {
        let file = try Read.fixture(fixture)
        #expect(file.summary.encoding == encoding)
        #expect(file.records.map(\.name) == ["Google Chrome", "LINE", "福昕閱讀器"])
        #expect(file.records.map(\.host) == ["PC-0042", "PC-0042", "PC-0043"])
    }

    @Test func big5AfterALongASCIIStartIsStillBig5() throws {
        var bytes = Array("name,publisher\r\n".utf8)
        for index in 0..<5_000 { bytes += Array("Tool \(index),Vendor\r\n".utf8) }
        bytes += [0xB7, 0x4C, 0xB3, 0x6E] + Array(" Office,".utf8) + [0xB7, 0x4C, 0xB3, 0x6E] + [0x0D, 0x0A]
        #expect(bytes.count > 65_536)
        let file = try InventoryReader.read(bytes)
        #expect(file.summary.encoding == .cp950)
        #expect(file.records.last?.name == "微軟 Office")
        #expect(file.records.last?.publisher == "微軟")
        #expect(file.issues == [])
    }

    @Test(
        arguments: [
            ([0xBA, 0xD6, 0xA9, 0xFD, 0xBE, 0x5C, 0xC5, 0xAA, 0xBE, 0xB9], "福昕閱讀器"),
            ([0xC1, 0xCD, 0xB6, 0xD5, 0xAC, 0xEC, 0xA7, 0xDE], "趨勢科技"),
            ([0xBE, 0xF7, 0xC3, 0xF6, 0xA6, 0x57, 0xBA, 0xD9], "機關名稱"),
        ] as [([UInt8], String)])
    func shortBig5IsBig5(_ name: [UInt8], _ text: String) throws {
        let file = try InventoryReader.read(Array("name\n".utf8) + name + [0x0A])
        #expect(file.summary.encoding == .cp950)
        #expect(file.records.map(\.name) == [text])
    }

    @Test func invalidUTF8IsReportedAndReplaced() throws {
        let file = try InventoryReader.read(Array("name\nCaf".utf8) + [0xE9] + Array("\nTea\n".utf8))
        #expect(file.summary.encoding == .utf8)
        #expect(file.records.map(\.name) == ["Caf\u{FFFD}", "Tea"])
        #expect(
            file.issues == [
                InventoryIssue(
                    row: 2, offset: 8, reason: "undecodable byte(s) E9 in utf-8; read as U+FFFD", severity: .warning)
            ])
    }

    @Test func theCP950TableMatchesPythonsCodec() throws {
        let samples = String(decoding: try TestSupportBytes.fixture("Inventory/cp950_samples.tsv"), as: UTF8.self)
        var checked = 0
        for line in samples.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            let code = try #require(UInt16(parts[0], radix: 16))
            let expected = try #require(UInt16(parts[1], radix: 16))
            #expect(CP950.decode(lead: UInt8(code >> 8), trail: UInt8(code & 0xFF)) == expected, "\(parts[0])")
            checked += 1
        }
        #expect(checked == 276)
        #expect(CP950.table.filter { $0 != 0 }.count == CP950Table.mappedCount)
        #expect(CP950.decode(lead: 0xA4, trail: 0xA4) == 0x4E2D)
        #expect(CP950.decode(lead: 0xA3, trail: 0xE1) == 0x20AC)
        #expect(CP950.decode(lead: 0xFA, trail: 0x40) == nil)
    }

    @Test(
        arguments: [
            ([0xFF, 0xFE, 0x00, 0x00, 0x6E, 0x00, 0x00, 0x00], InventoryError.Reason.unsupportedEncoding),
            ([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00], .unrecognizedFormat),
            ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00], .unrecognizedFormat),
            (Array("  \r\n".utf8), .unrecognizedFormat),
            (Array("just some words\nand more\n".utf8), .unrecognizedFormat),
        ] as [([UInt8], InventoryError.Reason)])
    func refusesWhatIsNotAnInventory(_ bytes: [UInt8], _ reason: InventoryError.Reason) {
        #expect(Read.refusal(bytes)?.reason == reason)
    }
}
