import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import VulnModel

@testable import WebUI

/// The pages in a real browser: headless Chromium loads them from a live server on loopback, follows the links a
/// person would click, and reads the text they would see.
@Suite(.serialized) struct BrowserTests {
    /// Runs `body` with a browser and the fixture's pages served on a loopback port; skips (printing why) when
    /// there is no Chromium, unless CI requires it.
    static func withBrowser(
        coverage: Bool = false, _ body: @escaping @Sendable (BrowserPage, String, PagesFixture) async throws -> Void
    ) async throws {
        guard Chromium.executable() != nil || Chromium.isRequired else {
            print("BrowserTests skipped: no chromium on PATH (apt install chromium, or set VANS_CHROMIUM)")
            return
        }
        try await PagesFixture.with(coverage: coverage) { fixture in
            try await fixture.application().test(.live) { client in
                let base = "http://127.0.0.1:\(try #require(client.port))"
                let browser = try await Chromium.launch()
                do {
                    try await body(try await browser.newPage(), base, fixture)
                } catch {
                    await browser.close()
                    throw error
                }
                await browser.close()
            }
        }
    }

    @Test func anAgencyOfficerReadsTheDashboardThenOpensAFindingAndSwitchesToEnglish() async throws {
        try await Self.withBrowser { page, base, fixture in
            let urgent = try fixture.urgent
            try await page.setCookie(name: "test-viewer", value: "2.16.886.101.20007", url: base)
            try await page.open("\(base)/")
            try await page.screenshot("dashboard")
            let dashboard = try await page.text()
            #expect(dashboard.contains("監察院　弱點儀表板"))
            #expect(dashboard.contains("已知遭利用弱點（KEV）"))
            #expect(dashboard.contains(urgent.cve.description))
            #expect(try await page.evaluate("location.pathname") == "/agencies/2.16.886.101.20007")

            try await page.click("a[href$='/cves/\(urgent.cve)']")
            try await page.screenshot("finding")
            let detail = try await page.text()
            #expect(detail.contains("受影響主機"))
            #expect(detail.contains("115年10月（2026-10）"))

            try await page.click("a.lang")
            let english = try await page.text()
            #expect(english.contains("Affected hosts"))
            #expect(try await page.evaluate("document.documentElement.lang") == "en")

            // The choice is remembered: the dashboard is English now too.
            try await page.open("\(base)/agencies/2.16.886.101.20007")
            #expect(try await page.text().contains("Control Yuan: vulnerability dashboard"))
        }
    }

    @Test func anotherAgencysDashboardShowsNothingOfIt() async throws {
        try await Self.withBrowser { page, base, _ in
            try await page.setCookie(name: "test-viewer", value: "2.16.886.101.20007", url: base)
            try await page.open("\(base)/agencies/2.16.886.101.90021")
            let text = try await page.text()
            #expect(text.contains("沒有這個頁面，或您沒有檢視權限。"))
            #expect(!text.contains("花蓮"))
        }
    }

    @Test func aSupervisorSeesEveryAgencyAndOpensTheUploadHistory() async throws {
        try await Self.withBrowser { page, base, _ in
            try await page.setCookie(name: "test-viewer", value: "nation", url: base)
            try await page.open("\(base)/")
            try await page.open("\(base)/agencies?by=region")
            try await page.screenshot("supervisor")
            let list = try await page.text()
            #expect(list.contains("共 2 個機關"))
            #expect(list.contains("第1區（臺北市）"))
            #expect(list.contains("花蓮縣衛生局"))
            #expect(list.contains("尚未上傳"))
            try await page.click("a[href='/agencies/2.16.886.101.20007']")
            try await page.click("a[href$='/uploads']")
            try await page.screenshot("uploads")
            #expect(try await page.text().contains("轉換成功"))
        }
    }

    @Test func aSupervisorFiltersCoverageAndOpensAnUncoveredSystemsAgency() async throws {
        try await Self.withBrowser(coverage: true) { page, base, _ in
            try await page.setCookie(name: "test-viewer", value: "nation", url: base)
            try await page.open("\(base)/supervisor/coverage")
            try await page.screenshot("coverage")
            let all = try await page.text()
            #expect(all.contains("33.33%"))
            #expect(all.contains("hr-db-01"))
            try await page.open("\(base)/supervisor/coverage?level=C")
            let levelC = try await page.text()
            #expect(levelC.contains("100.00%"))
            #expect(!levelC.contains("hr-db-01"))
            try await page.open("\(base)/supervisor/coverage")
            try await page.click("a[href='/agencies/2.16.886.101.20007']")
            #expect(try await page.text().contains("監察院　弱點儀表板"))
        }
    }
}

/// The remediation desk in a real browser: a person opens the overdue list from the dashboard, plans the overdue
/// record through the form, and sees its new state and history line.
@Suite(.serialized) struct RemediationBrowserTests {
    @Test func anOfficerPlansTheOverdueRecordThroughTheForm() async throws {
        try await BrowserTests.withBrowser { page, base, fixture in
            try await page.setCookie(name: "test-viewer", value: "2.16.886.101.20007", url: base)
            try await page.open("\(base)/agencies/2.16.886.101.20007")
            try await page.click("a[href$='/remediation?overdue=1']")
            let overdue = try await page.text()
            #expect(overdue.contains("CVE-2024-9680") && overdue.contains("286 天"))
            try await page.click("a[href='/agencies/2.16.886.101.20007/remediation']")
            let list = try await page.text()
            let first = try #require(list.range(of: "CVE-2024-9680"))
            let second = try #require(list.range(of: "CVE-1999-0236"))
            #expect(first.lowerBound < second.lowerBound)

            try await page.click("a[href$='/\(fixture.records.overdue.token)']")
            try await page.fill("#plan-measure", with: "升級 Firefox 至 131")
            try await page.fill("#plan-owner", with: "資訊室 王小明")
            try await page.fill("#plan-targetDate", with: "2026-12-15")
            try await page.click("form.plan button[type=submit]")
            try await page.screenshot("remediation-planned")
            #expect(try await page.evaluate("location.pathname") == RemediationRecordPage.path(fixture.records.overdue))
            let detail = try await page.text()
            #expect(detail.contains("規劃處理"))
            #expect(detail.contains("2026-12-15"))
            #expect(detail.contains("資訊室 王小明"))
            #expect(detail.contains("待處理 → 規劃處理"))
            #expect(detail.contains("升級 Firefox 至 131"))
        }
    }
}
