import Foundation
import Governance
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VulnModel

@testable import WebUI

/// `/agencies/{oid}/prohibited` in process on the real stores (ADR 0022): the agency with published entries sees
/// its tasks, open and overdue first with the hosts still matching, the completed one with its day and the
/// exception with approvers, expiry and measures; the dashboard links it; another tenant gets 404.
@Suite struct RemovalTaskPagesTests {
    static let own = "2.16.886.101.20007"
    static let path = "/agencies/\(own)/prohibited"

    @Test func theAgencySeesItsTasksOpenFirstWithHostsDueDatesAndTheException() async throws {
        try await PagesFixture.with { fixture in
            try await PagesTests.get(Self.path, viewer: Self.own, in: fixture) { response in
                #expect(response.status == .ok)
                let html = PagesTests.text(response)
                #expect(html.contains("監察院　禁用軟體移除"))
                #expect(html.contains("共 3 項移除任務，未完成 1 項，逾期 1 項。"))
                let open = try #require(html.range(of: "<code>anydesk</code>"))
                let completed = try #require(html.range(of: "<code>tiktok</code>"))
                let excepted = try #require(html.range(of: "<code>deepseek</code>"))
                #expect(open.lowerBound < completed.lowerBound && open.lowerBound < excepted.lowerBound)
                #expect(html.contains("<td>遠端存取工具</td>"))
                #expect(html.contains("<li>pc-0001: AnyDesk</li><li>pc-0002: AnyDesk 8.0</li>"))
                #expect(html.contains("<td>2026-10-01（逾期 31 天）</td><td>待移除</td>"))
                #expect(html.contains("<td>已完成</td><td>2026-10-15</td>"))
                #expect(html.contains("<dd>資安長 王大明 1150901</dd>") && html.contains("<dd>數位部 1150012345</dd>"))
                #expect(html.contains("<dd>2027-06-30</dd>"))
                #expect(html.contains("<dd>納入年度內部稽核；單機使用且無個資與公務資料</dd>"))
            }
            try await PagesTests.get(Self.path + "?lang=en", viewer: "nation", in: fixture) { response in
                #expect(response.status == .ok)
                let html = PagesTests.text(response)
                #expect(html.contains("3 removal tasks, 1 open, 1 overdue."))
                #expect(html.contains("(31 days overdue)") && html.contains("<td>Remote access tool</td>"))
            }
            try await PagesTests.get("/agencies/\(Self.own)", viewer: Self.own, in: fixture) { response in
                #expect(PagesTests.text(response).contains("<dd><a href=\"\(Self.path)\""))
            }
        }
    }

    @Test func anotherTenantAndAnAgencyWithoutTasksAreAnsweredAlike() async throws {
        try await PagesFixture.with { fixture in
            try await PagesTests.get(Self.path, viewer: "2.16.886.101.90021", in: fixture) { response in
                #expect(response.status == .notFound)
                let html = PagesTests.text(response)
                #expect(!html.contains("anydesk") && !html.contains("監察院"))
            }
            try await PagesTests.get(
                "/agencies/2.16.886.101.90021/prohibited", viewer: "2.16.886.101.90021", in: fixture
            ) {
                response in
                #expect(response.status == .ok)
                #expect(PagesTests.text(response).contains("沒有移除任務。"))
            }
            try await PagesTests.get(Self.path, viewer: nil, in: fixture) { response in
                #expect(response.status == .found || response.status == .seeOther)
            }
        }
    }
}

/// The removal tasks in a real browser: from the dashboard's prohibited-software count to the task list.
@Suite(.serialized) struct RemovalTaskBrowserTests {
    @Test func anOfficerFollowsTheProhibitedCountToTheTasks() async throws {
        try await BrowserTests.withBrowser { page, base, _ in
            try await page.setCookie(name: "test-viewer", value: "2.16.886.101.20007", url: base)
            try await page.open("\(base)/agencies/2.16.886.101.20007")
            try await page.click("a[href$='/prohibited']")
            try await page.screenshot("prohibited")
            #expect(try await page.evaluate("location.pathname") == "/agencies/2.16.886.101.20007/prohibited")
            let text = try await page.text()
            #expect(text.contains("禁用軟體移除"))
            #expect(text.contains("pc-0002: AnyDesk 8.0"))
            #expect(text.contains("逾期 31 天"))
            #expect(text.contains("數位部 1150012345"))
        }
    }
}

/// The supervisor's list counts open removal tasks per agency from one grouped query.
@Suite struct RemovalTaskSupervisorTests {
    @Test func theSupervisorsListCountsOpenRemovalTasks() async throws {
        try await PagesFixture.with { fixture in
            try await PagesTests.get("/agencies?lang=en", viewer: "nation", in: fixture) { response in
                let html = PagesTests.text(response)
                #expect(html.contains("Open removal tasks"))
                // 監察院: AnyDesk open (DeepSeek excepted, TikTok completed); the county agency has none. The last
                // three cells of each agency's row are prohibited hits, their categories and open removal tasks.
                func row(_ name: String) -> Substring? {
                    guard let start = html.range(of: "\(name)</a>"),
                        let end = html[start.upperBound...].range(of: "</tr>")
                    else { return nil }
                    return html[start.upperBound..<end.upperBound]
                }
                #expect(
                    row("Control Yuan")?.hasSuffix(
                        "<td class=\"count\">0</td><td>—</td><td class=\"count\">1</td></tr>") == true)
                #expect(
                    row("Hualien County Public Health Bureau")?.hasSuffix(
                        "<td class=\"count\">0</td><td>—</td><td class=\"count\">0</td></tr>") == true)
            }
        }
    }
}
