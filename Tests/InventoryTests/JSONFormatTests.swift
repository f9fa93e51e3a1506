import Inventory
import TestSupport
import Testing

@Suite struct JSONFormatTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let fixture: String
        let format: InventoryFormat
        var encoding = TextEncoding.utf8
        let records: Int
        /// (row, severity) of each issue, in order.
        var issues: [InventoryIssue.Severity] = []
        var skipped: [InventorySkip: Int] = [:]
        let sample: InventoryRecord
        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(
            fixture: "vans-v1_sbom2vans.json", format: .vansV1JSON, records: 5, issues: [.warning, .error],
            sample: InventoryRecord(
                row: 2, name: "log4j-core", publisher: "apache", version: "2.14.1",
                cpe: "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", cpeTitle: "Apache Software Foundation log4j 2.14.1",
                category: "software", agencyOID: "2.16.886.101.20007", agencyName: "監察院", quantity: 1,
                format: .vansV1JSON)),
        Case(
            fixture: "vans-v2_payload.json", format: .vansV2JSON, records: 3,
            sample: InventoryRecord(
                row: 2, host: "3b6a8c1d0f5e2a47c9d8b1e0f3a6c5d4e7b2a1908f6e5d4c3b2a1f0e9d8c7b6a", name: "福昕閱讀器",
                publisher: "福昕", version: "12.1.2", agencyOID: "2.16.886.101.20007", agencyName: "監察院",
                assetGroup: "DEFAULT", format: .vansV2JSON)),
        Case(
            fixture: "cyclonedx-1.5_cdxgen.json", format: .cycloneDXJSON, records: 4,
            sample: InventoryRecord(
                row: 3, host: "intranet-portal", name: "log4j-core", publisher: "The Apache Software Foundation",
                version: "2.14.1", category: "library",
                purl: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar",
                group: "org.apache.logging.log4j",
                format: .cycloneDXJSON)),
        Case(
            fixture: "cyclonedx-1.6_nested-components.json", format: .cycloneDXJSON, records: 5, issues: [.warning],
            sample: InventoryRecord(
                row: 3, host: "srv-db01.example.gov.tw", name: "sudo", publisher: "Todd C. Miller",
                version: "1.9.5p2-9.el9", category: "library",
                purl: "pkg:rpm/redhat/sudo@1.9.5p2-9.el9?arch=x86_64&distro=rhel-9.3", format: .cycloneDXJSON)),
        Case(
            fixture: "spdx-2.3_syft.json", format: .spdxJSON, records: 3, skipped: [.documentRoot: 1],
            sample: InventoryRecord(
                row: 1, name: "bash", publisher: "Ubuntu Developers", version: "5.1-6ubuntu1.1",
                cpe: "cpe:2.3:a:bash:bash:5.1-6ubuntu1.1:*:*:*:*:*:*:*",
                purl: "pkg:deb/ubuntu/bash@5.1-6ubuntu1.1?arch=amd64&distro=ubuntu-22.04", format: .spdxJSON)),
        Case(
            fixture: "osqueryi_programs.json", format: .osqueryJSON, records: 5,
            sample: InventoryRecord(
                row: 3, name: "Microsoft Office 專業增強版 2019 - zh-tw", publisher: "Microsoft Corporation",
                version: "16.0.10406.20006", locale: "zh-TW", format: .osqueryJSON)),
        Case(
            fixture: "osqueryi_os_version.json", format: .osqueryJSON, records: 1,
            sample: InventoryRecord(
                row: 1, name: "Microsoft Windows 10 專業版", version: "10.0.19045",
                operatingSystem: "Microsoft Windows 10 專業版", category: "os", architecture: "64-bit",
                format: .osqueryJSON)),
        Case(
            fixture: "osqueryi_deb_packages.json", format: .osqueryJSON, records: 2, skipped: [.notInstalled: 1],
            sample: InventoryRecord(
                row: 1, name: "openssh-server", publisher: "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>",
                version: "8.9p1", architecture: "amd64", release: "3ubuntu0.6", epoch: "1", format: .osqueryJSON)),
        Case(
            fixture: "osqueryi_rpm_packages.json", format: .osqueryJSON, records: 2,
            sample: InventoryRecord(
                row: 2, name: "openssl", publisher: "Rocky Enterprise Software Foundation", version: "3.0.7",
                architecture: "x86_64", release: "24.el9", epoch: "1", format: .osqueryJSON)),
        Case(
            fixture: "osqueryd_results.log", format: .osqueryJSON, records: 4, skipped: [.notInstalled: 2],
            sample: InventoryRecord(
                row: 5, host: "PC-0043", name: "Microsoft Windows 11 專業版", version: "10.0.22631",
                operatingSystem: "Microsoft Windows 11 專業版", category: "os", architecture: "64-bit",
                format: .osqueryJSON)),
        Case(
            fixture: "powershell-5.1_uninstall_convertto-json.json", format: .powershellJSON, encoding: .utf16LE,
            records: 3, skipped: [.patch: 1, .noDisplayName: 1],
            sample: InventoryRecord(
                row: 5, name: "福昕閱讀器", publisher: "福昕軟件開發有限公司", version: "12.1.2.15332", locale: "zh-TW",
                architecture: "x86", format: .powershellJSON)),
        Case(
            fixture: "powershell-7_uninstall_single-object.json", format: .powershellJSON, records: 1,
            sample: InventoryRecord(
                row: 1, host: "PC-0042", name: "Notepad++ (64-bit x64)", publisher: "Notepad++ Team", version: "8.6.2",
                format: .powershellJSON)),
    ]

    @Test(arguments: cases) func readsTheFixture(_ testCase: Case) throws {
        let file = try Read.fixture(testCase.fixture)
        #expect(file.summary.format == testCase.format)
        #expect(file.summary.encoding == testCase.encoding)
        #expect(file.records.count == testCase.records)
        #expect(file.issues.map(\.severity) == testCase.issues, "\(file.issues)")
        #expect(file.summary.skipped == testCase.skipped)
        #expect(file.records.contains(testCase.sample), "\(file.records.filter { $0.name == testCase.sample.name })")
    }

    @Test func vansV1KeepsPurlsAndReportsBadRows() throws {
        let file = try Read.fixture("vans-v1_sbom2vans.json")
        let vite = try #require(file.records.first { $0.version == "5.0.12" })
        #expect(vite.name == "pkg:npm/vite@5.0.12")
        #expect(vite.purl == "pkg:npm/vite@5.0.12")
        #expect(vite.cpe == nil)
        #expect(vite.cpeTitle == nil)
        let openssl = try #require(file.records.first { $0.name == "openssl" })
        #expect(openssl.cpe == nil)
        #expect(openssl.quantity == 2)
        #expect(file.issues[0].row == 5)
        #expect(file.issues[0].field == "cpe23")
        #expect(file.issues[0].reason.hasPrefix("not a CPE 2.3 formatted string"))
        #expect(
            file.issues[1] == InventoryIssue(row: 6, field: "product_name", offset: 2_173, reason: "no name and no CPE")
        )
        #expect(!file.records.contains { $0.name.contains("6f1c0e2a") || $0.host?.contains("6f1c0e2a") == true })
    }

    @Test func cycloneDXNestedComponentsComeInDocumentOrder() throws {
        let file = try Read.fixture("cyclonedx-1.6_nested-components.json")
        #expect(file.records.map(\.name) == ["rhel", "openssl", "sudo", "postgresql", "agent"])
        #expect(file.records.map(\.row) == [1, 2, 3, 4, 5])
        #expect(file.records[0].cpe == "cpe:2.3:o:redhat:enterprise_linux:9.3:*:*:*:*:*:*:*")
        #expect(file.records[0].category == "operating-system")
        #expect(file.records[3].publisher == "The PostgreSQL Global Development Group")
        #expect(file.issues.first?.row == 5)
    }

    @Test func osqueryLogLinesNameTheirHosts() throws {
        let file = try Read.fixture("osqueryd_results.log")
        #expect(file.records.map(\.host) == ["PC-0042", "srv-web01", "srv-web01", "PC-0043"])
        #expect(file.records.map(\.row) == [1, 3, 3, 5])
        #expect(file.records[1].name == "openssl" && file.records[1].release == "0ubuntu1.15")
    }

    @Test func powershellMarksSystemComponents() throws {
        let file = try Read.fixture("powershell-5.1_uninstall_convertto-json.json")
        #expect(
            file.records.map(\.name) == [
                "7-Zip 23.01 (x64)", "Microsoft Visual C++ 2022 X64 Minimum Runtime - 14.38.33135", "福昕閱讀器",
            ])
        #expect(file.records.map(\.isSystemComponent) == [false, true, false])
        #expect(file.records[1].locale == "en-US")
    }
}
