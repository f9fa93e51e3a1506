import Foundation
import Governance
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Remediation
import Testing
import VulnModel

@testable import WebUI

/// The remediation pages in process on the real stores: the overdue record first with its days, KEV, EPSS and
/// links; the dashboard's overdue link; a plan posted through the form (303 back, new state and history line);
/// refusals naming the field; cross-site posts, read-only viewers and other agencies refused.
@Suite struct RemediationPagesTests {
    static let own = "2.16.886.101.20007"

    static func post(
        _ path: String, viewer: String, form: String, headers: HTTPFields = [:], in fixture: PagesFixture,
        check: @escaping @Sendable (TestResponse) async throws -> Void
    ) async throws {
        var fields = headers
        fields[HTTPField.Name("X-Test-Viewer")!] = viewer
        fields[.contentType] = "application/x-www-form-urlencoded"
        let sent = fields
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: path, method: .post, headers: sent, body: ByteBuffer(string: form)) {
                try await check($0)
            }
        }
    }

    @Test func theListShowsTheOverdueRecordFirstWithItsDaysKEVAndEPSSAndTheDashboardLinksIt() async throws {
        try await PagesFixture.with { fixture in
            try await PagesTests.get("/agencies/\(Self.own)/remediation", viewer: Self.own, in: fixture) { response in
                #expect(response.status == .ok)
                let html = PagesTests.text(response)
                #expect(html.contains("共 2 筆，逾期 1 筆。"))
                let overdue = try #require(html.range(of: ">CVE-2024-9680</a>"))
                let recent = try #require(html.range(of: ">CVE-1999-0236</a>"))
                #expect(overdue.lowerBound < recent.lowerBound)
                #expect(html.contains("<td>286 天</td>"))
                #expect(html.contains("<td class=\"kev\">KEV</td>"))
                #expect(html.contains("<td>23.2%</td>"))
                #expect(html.contains("href=\"\(RemediationRecordPage.path(fixture.records.overdue))\""))
                #expect(html.contains("<td>2026-01-19</td>"))
                #expect(html.contains("<td>mozilla:firefox:118.0（修正：131.0.2）</td>"))
            }
            try await PagesTests.get(
                "/agencies/\(Self.own)/remediation?overdue=1&lang=en", viewer: "nation", in: fixture
            ) {
                response in
                let html = PagesTests.text(response)
                #expect(html.contains("2 records") == false && html.contains("1 records, 1 overdue."))
                #expect(html.contains("286 days") && !html.contains("CVE-1999-0236"))
            }
            try await PagesTests.get("/agencies/\(Self.own)", viewer: Self.own, in: fixture) { response in
                #expect(
                    PagesTests.text(response).contains(
                        "<a href=\"/agencies/\(Self.own)/remediation?overdue=1\">逾期未處理：1 筆</a>"))
            }
        }
    }

    @Test func anOfficerPlansThroughTheFormAndIsSentBackToTheRecordWithItsHistory() async throws {
        try await PagesFixture.with { fixture in
            let path = RemediationRecordPage.path(fixture.records.overdue)
            let form =
                "action=plan&measure=%E5%8D%87%E7%B4%9A+Firefox+131&owner=%E8%B3%87%E8%A8%8A%E5%AE%A4"
                + "&targetDate=2026-12-15"
            let sameOrigin: HTTPFields = [HTTPField.Name("Sec-Fetch-Site")!: "same-origin"]
            try await Self.post(path, viewer: Self.own, form: form, headers: sameOrigin, in: fixture) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == path)
            }
            try await PagesTests.get(path, viewer: Self.own, in: fixture) { response in
                let html = PagesTests.text(response)
                #expect(html.contains("<dd class=\"state\">規劃處理</dd>"))
                #expect(html.contains("<dd>升級 Firefox 131</dd>") && html.contains("<dd>2026-12-15</dd>"))
                #expect(html.contains("<td>user:test-officer</td><td>plan</td><td>待處理 → 規劃處理</td>"))
                #expect(html.contains("<dt>修正版本</dt><dd class=\"fixed\">131.0.2</dd>"))
                #expect(html.contains("<form method=\"post\" action=\"\(path)\" class=\"claim_remediated\">"))
            }
        }
    }

    @Test(arguments: [
        ("action=plan&measure=m&owner=&targetDate=2026-12-15", HTTPResponse.Status.unprocessableContent, "owner"),
        ("action=plan&measure=m&owner=o&targetDate=2026-10-01", .unprocessableContent, "targetDate"),
        ("action=plan&measure=m&owner=o&targetDate=soon", .badRequest, "targetDate"),
        ("action=reopen&reason=r", .conflict, "action"),
        ("action=delete", .badRequest, "action"),
    ])
    func aRefusedActionShowsThePageAgainNamingTheField(form: String, status: HTTPResponse.Status, field: String)
        async throws
    {
        try await PagesFixture.with { fixture in
            let path = RemediationRecordPage.path(fixture.records.overdue)
            try await Self.post(path, viewer: Self.own, form: form, in: fixture) { response in
                #expect(response.status == status)
                let html = PagesTests.text(response)
                #expect(html.contains("role=\"alert\"") && html.contains("（欄位 \(field)）"))
                #expect(html.contains("<dd class=\"state\">待處理</dd>"))
            }
        }
    }

    @Test func crossSitePostsReadersAndOtherAgenciesAreRefused() async throws {
        try await PagesFixture.with { fixture in
            let path = RemediationRecordPage.path(fixture.records.overdue)
            let form = "action=plan&measure=m&owner=o&targetDate=2026-12-15"
            let crossSite: [HTTPFields] = [
                [.origin: "https://evil.example"],
                [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
                [.origin: "null"],
            ]
            for headers in crossSite {
                try await Self.post(path, viewer: Self.own, form: form, headers: headers, in: fixture) { response in
                    #expect(response.status == .forbidden)
                }
            }
            try await Self.post(path, viewer: "reader:\(Self.own)", form: form, in: fixture) { response in
                #expect(response.status == .forbidden)
            }
            try await PagesTests.get(path, viewer: "reader:\(Self.own)", in: fixture) { response in
                // No action forms (the page shell's sign-out form is the only one).
                #expect(response.status == .ok && !PagesTests.text(response).contains("name=\"action\""))
            }
            for viewer in ["2.16.886.101.90021", "nation"] {
                try await Self.post(path, viewer: viewer, form: form, in: fixture) { response in
                    #expect(response.status == (viewer == "nation" ? .forbidden : .notFound))
                }
            }
            let elsewhere = "/agencies/2.16.886.101.90021/remediation/\(fixture.records.overdue.token)"
            for target in [elsewhere, "/agencies/\(Self.own)/remediation/bm90LWEta2V5"] {
                try await PagesTests.get(target, viewer: "nation", in: fixture) { response in
                    #expect(response.status == .notFound)
                }
            }
            try await PagesTests.get(path, viewer: Self.own, in: fixture) { response in
                #expect(PagesTests.text(response).contains("<dd class=\"state\">待處理</dd>"))
            }
        }
    }
}
