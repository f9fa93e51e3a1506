import Foundation
import Governance
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identification
import Matching
import Testing
import VulnModel

@testable import WebUI

/// The pages in process, on the real stores and the real engine's findings: what each role sees, in which
/// language, and that another agency's page is a 404 that gives nothing away.
@Suite struct PagesTests {
    static func get(
        _ path: String, viewer: String?, headers: HTTPFields = [:], in fixture: PagesFixture,
        check: @escaping @Sendable (TestResponse) async throws -> Void
    ) async throws {
        var headers = headers
        if let viewer { headers[HTTPField.Name("X-Test-Viewer")!] = viewer }
        let fields = headers
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: path, method: .get, headers: fields) { try await check($0) }
        }
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func theDashboardIsInTraditionalChineseByDefaultAndListsKEVFirstWithPatchLinks() async throws {
        try await PagesFixture.with { fixture in
            let urgent = try fixture.urgent
            try await Self.get("/agencies/2.16.886.101.20007", viewer: "2.16.886.101.20007", in: fixture) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = Self.text(response)
                #expect(html.contains("<html lang=\"zh-TW\">"))
                #expect(html.contains("監察院　弱點儀表板"))
                #expect(html.contains("115年10月（2026-10）"))
                let kevTable = try #require(html.range(of: "已知遭利用弱點（KEV）"))
                let highRiskTable = try #require(html.range(of: "高風險弱點（CVSS ≥ 7.0）"))
                #expect(kevTable.lowerBound < highRiskTable.lowerBound)
                let row = try #require(html.range(of: ">\(urgent.cve)</a>"))
                #expect(row.lowerBound > kevTable.lowerBound && row.lowerBound < highRiskTable.lowerBound)
                let patch = urgent.references.first { $0.isRemediation } ?? Reference.nvdPage(for: urgent.cve)
                #expect(html.contains("href=\"\(HTMLText.escape(patch.url))\""))
                if let due = urgent.kev?.dueDate { #expect(html.contains("KEV・期限 \(due)")) }
                let highRisk = fixture.expected.values.filter { $0.risk?.highRisk == true }.count
                #expect(html.contains("高風險弱點（CVSS ≥ 7.0）：最緊急 25 筆，共 \(highRisk) 筆"))
                #expect(html.contains("<a href=\"/agencies/2.16.886.101.20007?all=1\">顯示全部 \(highRisk) 筆</a>"))
            }
            try await Self.get("/agencies/2.16.886.101.20007?all=1", viewer: "nation", in: fixture) { response in
                let highRisk = fixture.expected.values.filter { $0.risk?.highRisk == true }.count
                #expect(Self.text(response).contains("高風險弱點（CVSS ≥ 7.0）：共 \(highRisk) 筆"))
            }
        }
    }

    @Test(arguments: [
        ("?lang=en", [String: String](), "en"),
        ("", ["Accept-Language": "en-US,en;q=0.9"], "en"),
        ("", ["Accept-Language": "fr-FR, zh-TW;q=0.8"], "zh-TW"),
        ("", ["Cookie": "lang=en"], "en"),
        ("?lang=zh-TW", ["Cookie": "lang=en"], "zh-TW"),
    ])
    func theLanguageFollowsTheLinkThenTheCookieThenTheBrowser(query: String, headers: [String: String], lang: String)
        async throws
    {
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        try await PagesFixture.with { fixture in
            try await Self.get("/agencies\(query)", viewer: "nation", headers: fields, in: fixture) { response in
                let html = Self.text(response)
                #expect(html.contains("<html lang=\"\(lang)\">"))
                #expect(html.contains(lang == "en" ? "<h1>Agencies</h1>" : "<h1>機關總覽</h1>"))
                let setCookie = response.headers[.setCookie]
                #expect((setCookie?.hasPrefix("lang=\(lang)") ?? false) == !query.isEmpty)
            }
        }
    }

    @Test func aSupervisorSeesEveryAgencyWithLastUploadAndOpenCounts() async throws {
        try await PagesFixture.with { fixture in
            let highRisk = fixture.expected.values.filter { $0.risk?.highRisk == true }.count
            let kev = fixture.expected.values.filter { $0.kev != nil }.count
            try await Self.get("/agencies?lang=en", viewer: "nation", in: fixture) { response in
                let html = Self.text(response)
                #expect(html.contains("2 agencies"))
                #expect(html.contains("Control Yuan"))
                #expect(html.contains("Hualien County Public Health Bureau"))
                #expect(html.contains("2026-10 (ROC 115-10) · completed"))
                // Months uploaded of the last 12, open high-risk, KEV; overdue records, mean and longest days overdue
                // (the KEV Firefox record first seen 2026-01-05 was due 14 days later), mean days to remediate;
                // resolved, mean months, prohibited, by category.
                let overdueDays =
                    try #require(Day(iso8601: "2026-11-01")).daysSinceEpoch
                    - (try #require(Day(iso8601: "2026-01-19")).daysSinceEpoch)
                #expect(
                    html.contains(
                        "<td class=\"count\">1</td><td class=\"count\">\(highRisk)</td><td class=\"count\">\(kev)</td>"
                            + "<td class=\"count\">1</td><td class=\"count\">\(overdueDays)</td>"
                            + "<td class=\"count\">\(overdueDays)</td><td>—</td>"
                            + "<td class=\"count\">0</td><td>—</td><td class=\"count\">0</td><td>—</td>"))
                #expect(html.contains("None yet"))
                #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
                #expect(
                    html.contains("<title id=\"uploads-title\">Agencies with a completed upload, per month</title>"))
                #expect(
                    html.contains(
                        "<td>2026-10 (ROC 115-10)</td><td class=\"count\">1</td><td class=\"count\">\(highRisk)</td>"))
            }
        }
    }

    @Test func groupingAndFilteringByCountyAndRegion() async throws {
        try await PagesFixture.with { fixture in
            let highRisk = fixture.expected.values.filter { $0.risk?.highRisk == true }.count
            let kev = fixture.expected.values.filter { $0.kev != nil }.count
            try await Self.get("/agencies?by=county", viewer: "nation", in: fixture) { response in
                let html = Self.text(response)
                #expect(html.contains("<a href=\"/agencies?county=%E8%8A%B1%E8%93%AE%E7%B8%A3\">花蓮縣</a>"))
                // Central agencies: 1 agency, onboarded, no November upload yet, open high-risk, KEV, 1 overdue
                // record, no prohibited software.
                #expect(
                    html.contains(
                        "<td>中央機關</td><td class=\"count\">1</td><td class=\"count\">1</td><td class=\"count\">0</td>"
                            + "<td class=\"count\">\(highRisk)</td><td class=\"count\">\(kev)</td>"
                            + "<td class=\"count\">1</td><td class=\"count\">0</td>"))
            }
            try await Self.get("/agencies?region=1&by=region", viewer: "nation", in: fixture) { response in
                let html = Self.text(response)
                #expect(html.contains("第1區（臺北市）"))
                #expect(html.contains("共 1 個機關"))
                #expect(html.contains("花蓮縣衛生局"))
                #expect(!html.contains(">監察院<"))
                // The language switch keeps the filter.
                #expect(html.contains("href=\"/agencies?region=1&amp;by=region&amp;lang=en\""))
            }
            try await Self.get(
                "/agencies?county=%E8%8A%B1%E8%93%AE%E7%B8%A3", viewer: "2.16.886.101.20007", in: fixture
            ) {
                response in
                #expect(Self.text(response).contains("共 0 個機關"))
            }
        }
    }

    @Test func theExportsCarryTheSameTable() async throws {
        try await PagesFixture.with { fixture in
            try await Self.get("/agencies.csv", viewer: "nation", in: fixture) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"openvans-agencies.csv\"")
                let bytes = Array(response.body.readableBytesView)
                #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
                let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
                #expect(lines.count == 3)
                #expect(lines[0].hasPrefix("機關,OID,縣市,資安責任等級,最近上傳"))
                #expect(lines[1].hasPrefix("監察院,2.16.886.101.20007,,,115年10月（2026-10） · 已完成,1,"))
                #expect(lines[2].hasPrefix("花蓮縣衛生局,2.16.886.101.90021,花蓮縣,,尚未上傳,0,0,0,0,,,,0,,0,"))
            }
            try await Self.get("/agencies.xlsx?lang=en", viewer: "nation", in: fixture) { response in
                let bytes = Array(response.body.readableBytesView)
                #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
                // Entries are stored, so the sheet's inline strings are in the bytes as written.
                let raw = String(decoding: bytes, as: UTF8.self)
                #expect(raw.contains("<t xml:space=\"preserve\">Hualien County Public Health Bureau</t>"))
                #expect(raw.contains("<t xml:space=\"preserve\">Mean months to resolve</t>"))
            }
        }
    }

    @Test(arguments: [
        (Language.zhTW, "大陸廠牌軟體 3、點對點（P2P）軟體 1、遠端存取工具 1"),
        (Language.en, "Mainland-brand software 3, Peer-to-peer software 1, Remote access tool 1"),
    ])
    func prohibitedSoftwareIsListedByCategoryMostFirst(language: Language, expected: String) {
        let page = SupervisorPage(
            shell: PageShell(language: language, path: "/agencies", viewerName: "全國督導"),
            selection: SupervisorSelection(county: nil, region: nil, by: nil, months: []))
        #expect(
            page.categories([.remoteAccessTool: 1, .mainlandBrandSoftware: 3, .p2p: 1, .genAIService: 0]) == expected)
    }

    /// A host that drops a vulnerable version in November: its findings count as resolved after one month.
    @Test func findingsGoneFromTheNextUploadCountAsResolved() async throws {
        let withoutChrome: @Sendable (InventoryEntry) -> Bool = { !$0.cpe.contains(":google:chrome:") }
        try await PagesFixture.with(november: withoutChrome) { fixture in
            try await Self.get("/agencies.csv?lang=en", viewer: "2.16.886.101.20007", in: fixture) { response in
                let csv = String(decoding: Array(response.body.readableBytesView).dropFirst(3), as: UTF8.self)
                let row = try #require(csv.split(separator: "\r\n").dropFirst().first).split(
                    separator: ",", omittingEmptySubsequences: false)
                #expect(row[4] == "2026-11 (ROC 115-11) · completed")
                #expect(row[5] == "2")  // October and November uploaded
                let resolved = try #require(Int(row[12]))
                #expect(resolved > 0)
                #expect(row[13] == "1")  // first seen October, gone in November
            }
        }
    }

    @Test(arguments: [
        "/agencies/2.16.886.101.90021", "/agencies/2.16.886.101.90021/uploads", "/agencies/2.16.886.101.99999",
        "/agencies/not-an-oid", "/agencies/2.16.886.101.20007/cves/CVE-1999-0001",
    ])
    func anotherAgencysPageIsNotFoundAndLooksLikeOneThatDoesNotExist(path: String) async throws {
        try await PagesFixture.with { fixture in
            try await Self.get(path, viewer: "2.16.886.101.20007", in: fixture) { response in
                #expect(response.status == .notFound)
                let html = Self.text(response)
                #expect(html.contains("沒有這個頁面，或您沒有檢視權限。"))
                #expect(!html.contains("花蓮縣衛生局"))
            }
        }
    }

    @Test func withoutASessionThePagesSendTheBrowserToSignIn() async throws {
        try await PagesFixture.with { fixture in
            try await Self.get("/agencies/2.16.886.101.20007", viewer: nil, in: fixture) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=%2Fagencies%2F2.16.886.101.20007")
            }
        }
    }

    @Test func aFindingsDetailNamesItsHostsAndWhenTheyWereSeen() async throws {
        try await PagesFixture.with { fixture in
            let urgent = try fixture.urgent
            let path = "/agencies/2.16.886.101.20007/cves/\(urgent.cve)?lang=en"
            try await Self.get(path, viewer: "2.16.886.101.20007", in: fixture) { response in
                #expect(response.status == .ok)
                let html = Self.text(response)
                #expect(html.contains("<h1>\(urgent.cve)</h1>"))
                if let risk = urgent.risk { #expect(html.contains(risk.vector)) }
                #expect(html.contains("Affected hosts"))
                let hosts = try PagesFixture.sampleInventory().filter { entry in
                    html.contains("<td>\(entry.host.rawValue)</td><td>\(entry.cpe)</td>")
                }
                #expect(!hosts.isEmpty)
                #expect(html.contains("<td>2026-10 (ROC 115-10)</td><td>2026-10 (ROC 115-10)</td>"))
            }
        }
    }

    @Test func theUploadHistoryShowsTheConversionReport() async throws {
        try await PagesFixture.with { fixture in
            let rows = try PagesFixture.sampleInventory().count
            try await Self.get("/agencies/2.16.886.101.20007/uploads", viewer: "nation", in: fixture) { response in
                let html = Self.text(response)
                #expect(html.contains("已完成"))
                #expect(html.contains("共 \(rows) 筆，轉換成功 \(rows)，轉換失敗 0"))
                #expect(html.contains("2026-11-01 00:30"))
            }
        }
    }

    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a & \"b\" 'c'", "a &amp; &quot;b&quot; &#39;c&#39;"),
        ("監察院", "監察院"),
    ])
    func textIsEscaped(input: String, escaped: String) {
        #expect(HTMLText.escape(input) == escaped)
    }

    @Test(arguments: [
        ("2.16.886.101.20007", "2.16.886.101.20007"), ("/a b", "%2Fa%20b"), ("監", "%E7%9B%A3"),
    ])
    func pathSegmentsArePercentEncoded(input: String, encoded: String) {
        #expect(HTMLText.pathSegment(input) == encoded)
    }
}
