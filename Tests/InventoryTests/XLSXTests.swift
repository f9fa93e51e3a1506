import Testing

@testable import Inventory

@Suite struct XLSXTests {
    @Test func readsTheFirstSheetOfAnOpenpyxlWorkbook() throws {
        let file = try Read.fixture("vans_zh-TW_openpyxl.xlsx")
        #expect(file.summary.format == .xlsx)
        #expect(file.records.map(\.name) == ["Microsoft Office 專業增強版 2019", "趨勢科技 Apex One", "福昕閱讀器", "7-Zip"])
        #expect(file.records.map(\.row) == [2, 3, 4, 6])
        #expect(file.records.map(\.version) == ["16.0.10406.20006", "14", "12.1", "23.01"])
        #expect(file.records.allSatisfy { $0.format == .xlsx && $0.agencyName == "監察院" })
        #expect(
            file.records[0]
                == InventoryRecord(
                    row: 2, host: "PC-0042", name: "Microsoft Office 專業增強版 2019", publisher: "微軟",
                    version: "16.0.10406.20006", cpe: "cpe:2.3:a:microsoft:office:2019:*:*:*:professional_plus:*:*:*",
                    cpeTitle: "Microsoft Office 2019 Professional Plus", category: "software",
                    agencyOID: "2.16.886.101.20007", agencyName: "監察院", quantity: 1, format: .xlsx))
        #expect(file.records[2].quantity == 3)
        #expect(file.records[1].cpe == nil)
        #expect(file.issues == [InventoryIssue(row: 7, field: "資產名稱", reason: "no name and no CPE")])
    }

    @Test func readsSharedStringsRichTextFormulasAndErrors() throws {
        let file = try Read.fixture("vans-v2_excel-shared-strings.xlsx")
        #expect(file.issues == [])
        #expect(file.records.count == 2)
        #expect(
            file.records[0]
                == InventoryRecord(
                    row: 2, host: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", name: "chrome",
                    publisher: "google", version: "122.0.6261.95", agencyOID: "2.16.886.101.20007", agencyName: "監察院",
                    assetGroup: "DEFAULT", format: .xlsx))
        #expect(file.records[1].name == "福昕閱讀器")
        #expect(file.records[1].publisher == "foxit")
        #expect(file.records[1].version == "10.2")
        #expect(file.records[1].cpeTitle == "#N/A")
    }

    @Test func readsInlineStringsOfStreamingWriters() throws {
        let file = try Read.fixture("generic_inline-strings.xlsx")
        #expect(file.records.map(\.name) == ["Mozilla Firefox (x64 zh-TW)", "LINE", "AnyDesk", "Notepad++"])
        #expect(file.records.map(\.host) == ["PC-0042", "PC-0042", "PC-0042", "PC-0043"])
        #expect(file.records.last?.version == "8.6")
    }

    @Test(arguments: [
        ("hostile_ratio-bomb.xlsx", InventoryError.Reason.decompressionBomb, InventoryOptions()),
        ("hostile_lying-size.xlsx", .decompressionBomb, InventoryOptions()),
        ("hostile_many-entries.xlsx", .archiveTooLarge, InventoryOptions(maxArchiveEntries: 256)),
        ("vans_zh-TW_openpyxl.xlsx", .decompressionBomb, InventoryOptions(maxEntryBytes: 2_000)),
        ("vans_zh-TW_openpyxl.xlsx", .decompressionBomb, InventoryOptions(maxTotalInflatedBytes: 5_000)),
        ("vans_zh-TW_openpyxl.xlsx", .archiveTooLarge, InventoryOptions(maxArchiveBytes: 4_096)),
    ])
    func refusesHostileArchives(_ fixture: String, _ reason: InventoryError.Reason, _ options: InventoryOptions) throws
    {
        let error = Read.refusal(try TestSupportBytes.fixture("Inventory/" + fixture), options: options)
        #expect(error?.reason == reason, "\(String(describing: error))")
    }

    @Test func refusesACutArchiveAndOtherZIPs() throws {
        let bytes = try TestSupportBytes.fixture("Inventory/vans_zh-TW_openpyxl.xlsx")
        #expect(Read.refusal(Array(bytes.prefix(4_000)))?.reason == .malformed)
        #expect(Read.refusal(Array(bytes.prefix(4_000)))?.detail.contains("central directory") == true)
    }

    @Test(arguments: [
        ("42", "42"), ("10.199999999999999", "10.2"), ("16", "16"), ("0.1", "0.1"), ("1.5E-3", "0.0015"),
        ("3.0000000000000004E-2", "0.03"), ("123456789012345678", "1.23456789012346E+17"), ("-7.25", "-7.25"),
        ("1E+21", "1E+21"), ("0", "0"), ("0.000000001", "0.000000001"), ("1E-10", "1E-10"), ("abc", "abc"),
        ("99999999999999999", "1E+17"),
    ])
    func formatsNumbersAsGeneral(_ text: String, _ shown: String) {
        #expect(ExcelValue.general(text) == shown)
    }

    @Test(arguments: [
        ("45356", false, false, "2024-03-05"), ("45356.60416666666", false, false, "2024-03-05 14:30:00"),
        ("1", false, false, "1900-01-01"), ("59", false, false, "1900-02-28"), ("61", false, false, "1900-03-01"),
        ("0.5", true, false, "12:00:00"), ("43894", false, true, "2024-03-05"),
    ])
    func formatsDatesAsISO(_ serial: String, _ timeOnly: Bool, _ date1904: Bool, _ shown: String) {
        #expect(ExcelValue.date(serial, timeOnly: timeOnly, date1904: date1904) == shown)
    }

    @Test(arguments: [
        ("yyyy/m/d", ExcelValue.DateKind?.some(.date)), ("[$-404]e/m/d", .date), ("h:mm:ss", .time),
        ("0.00E+00", nil), ("#,##0", nil), ("\"day\"0", nil), ("[Red]0.0", nil), ("m/d/yy h:mm", .date),
    ])
    func recognisesDateFormats(_ code: String, _ kind: ExcelValue.DateKind?) {
        #expect(ExcelValue.customKind(code) == kind)
    }
}
