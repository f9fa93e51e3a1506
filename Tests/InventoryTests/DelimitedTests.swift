import Inventory
import TestSupport
import Testing

@Suite struct GenericCSVTests {
    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
    func readsTheRealWindowsARPSamples() throws {
        let file = try InventoryReader.read(
            SharedData.bytes("inventory/windows_arp_samples.csv"), fileName: "windows_arp_samples.csv")
        #expect(file.summary.format == .genericCSV)
        #expect(file.summary.encoding == .utf8)
        #expect(file.records.count == 157)
        #expect(file.issues.count == 3)
        #expect(file.issues.allSatisfy { $0.reason == "no name and no CPE" && $0.severity == .error })
        let firefox = try #require(file.records.first { $0.name == "Mozilla Firefox 57.0.2 (fr)" })
        #expect(firefox.publisher == "Mozilla")
        #expect(firefox.version == "57.0.2")
        let office = try #require(file.records.first { $0.name == "Microsoft 365 Apps 企業版 - zh-tw" })
        #expect(office.locale == "zh-TW")
        #expect(file.records.first?.name == "Adobe Shockwave Player 11")
        #expect(file.records.first?.publisher == "Adobe Systems, Inc.")
        #expect(file.records.first?.row == 2)
        #expect(file.records.allSatisfy { $0.cpe == nil })
    }
}

@Suite struct TableFormatTests {
    @Test func readsPowerShell51ConvertToCsvWithItsTypeLine() throws {
        let file = try Read.fixture("powershell-5.1_convertto-csv_typeline.csv")
        #expect(file.summary.format == .powershellCSV)
        #expect(file.summary.encoding == .utf16LE)
        #expect(file.issues == [])
        #expect(file.summary.skipped == [.noDisplayName: 1, .patch: 1])
        #expect(
            file.records == [
                InventoryRecord(
                    row: 3, name: "7-Zip 23.01 (x64)", publisher: "Igor Pavlov", version: "23.01",
                    format: .powershellCSV),
                InventoryRecord(
                    row: 4, name: "Microsoft Visual C++ 2022 X64 Minimum Runtime - 14.38.33135",
                    publisher: "Microsoft Corporation", version: "14.38.33135", locale: "en-US",
                    isSystemComponent: true,
                    format: .powershellCSV),
                InventoryRecord(
                    row: 7, name: "福昕閱讀器", publisher: "福昕軟件開發有限公司", version: "12.1.2.15332", locale: "zh-TW",
                    architecture: "x86", format: .powershellCSV),
            ])
    }

    @Test func readsPowerShell7ExportCsvFromRemoteHosts() throws {
        let file = try Read.fixture("powershell-7_invoke-command_export-csv.csv")
        #expect(file.summary.format == .powershellCSV)
        #expect(file.records.map(\.host) == ["PC-0042", "PC-0042", "PC-0043"])
        #expect(file.records[1].version == "ad 8.0.8")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        var fileName: String?
        let format: InventoryFormat
        let records: [InventoryRecord]
        var issues: [InventoryIssue] = []
        var testDescription: String { text.debugDescription }
    }

    static let cases: [Case] = [
        Case(
            text: "host,cpe\npc-01,cpe:2.3:a:google:chrome:120.0.6099.109:*:*:*:*:*:*:*\n", format: .hostCPE,
            records: [
                InventoryRecord(
                    row: 2, host: "pc-01", name: "", cpe: "cpe:2.3:a:google:chrome:120.0.6099.109:*:*:*:*:*:*:*",
                    format: .hostCPE)
            ]),
        Case(
            text: "Name;Version;Vendor\r\nLibreOffice;7.6.4.1;The Document Foundation\r\n", format: .genericCSV,
            records: [
                InventoryRecord(
                    row: 2, name: "LibreOffice", publisher: "The Document Foundation", version: "7.6.4.1",
                    format: .genericCSV)
            ]),
        Case(
            text: "Computer\tSoftware\tVersion\tOS\nPC-1\tWinRAR 6.24 (64-bit)\t6.24.0\tWindows 10 Pro\n",
            fileName: "list.tsv",
            format: .genericCSV,
            records: [
                InventoryRecord(
                    row: 2, host: "PC-1", name: "WinRAR 6.24 (64-bit)", version: "6.24.0",
                    operatingSystem: "Windows 10 Pro",
                    format: .genericCSV)
            ]),
        Case(
            text:
                "oid,unit_name,asset_number,product_name,product_vendor,product_version,category,cpe23,product_cpename\n"
                + "2.16.886.101.20007,監察院,1,http_server,apache,2.4.51,software,cpe:2.3:a:apache:http_server:2.4.51:*:*:*:*:*:*:*,Apache HTTP Server 2.4.51\n"
                + "2.16.886.101.20007,監察院,x,notepad++,notepad-plus-plus,8.6.2,software,N/A,N/A\n",
            format: .vansCSV,
            records: [
                InventoryRecord(
                    row: 2, name: "http_server", publisher: "apache", version: "2.4.51",
                    cpe: "cpe:2.3:a:apache:http_server:2.4.51:*:*:*:*:*:*:*", cpeTitle: "Apache HTTP Server 2.4.51",
                    category: "software", agencyOID: "2.16.886.101.20007", agencyName: "監察院", quantity: 1,
                    format: .vansCSV),
                InventoryRecord(
                    row: 3, name: "notepad++", publisher: "notepad-plus-plus", version: "8.6.2", category: "software",
                    agencyOID: "2.16.886.101.20007", agencyName: "監察院", format: .vansCSV),
            ],
            issues: [
                InventoryIssue(
                    row: 3, field: "asset_number", offset: 244, reason: "quantity x is not a whole number, left out",
                    severity: .warning)
            ]),
        Case(
            text:
                "name,version\n\"Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33135\",14.38.33135\nA,1,extra\n\n,\n\"ok\",2\n",
            format: .genericCSV,
            records: [
                InventoryRecord(
                    row: 2, name: "Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33135",
                    version: "14.38.33135",
                    format: .genericCSV),
                InventoryRecord(row: 6, name: "ok", version: "2", format: .genericCSV),
            ],
            issues: [
                InventoryIssue(
                    row: 3, offset: 94,
                    reason: "3 fields where the header has 2 (a delimiter inside an unquoted value?)")
            ]),
        Case(
            text: "name,version\n\"bad\"x,1\n\"multi\nline\",2\n\"open,3\n", format: .genericCSV,
            records: [InventoryRecord(row: 3, name: "multi\nline", version: "2", format: .genericCSV)],
            issues: [
                InventoryIssue(row: 2, offset: 18, reason: "text after a closing quote"),
                InventoryIssue(row: 5, offset: 37, reason: "quoted field is not closed"),
            ]),
    ]

    @Test(arguments: cases) func readsTables(_ testCase: Case) throws {
        let file = try Read.text(testCase.text, fileName: testCase.fileName)
        #expect(file.summary.format == testCase.format)
        #expect(file.records == testCase.records)
        #expect(file.issues == testCase.issues)
    }
}
