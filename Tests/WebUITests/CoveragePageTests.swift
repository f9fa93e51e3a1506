import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebUI

/// The supervisors' coverage page on stored systems (PagesFixture+Coverage): the figures for the filter, the
/// uncovered systems with a link to their agency, obligations per level, zero trust, and the CSV download.
@Suite struct CoveragePageTests {
    static func get(_ path: String, viewer: String, check: @escaping @Sendable (TestResponse) async throws -> Void)
        async throws
    {
        try await PagesFixture.with(coverage: true) { fixture in
            try await PagesTests.get(path, viewer: viewer, in: fixture, check: check)
        }
    }

    @Test func aSupervisorSeesTheSharesTheUncoveredSystemsObligationsAndZeroTrust() async throws {
        try await Self.get("/supervisor/coverage", viewer: "nation") { response in
            #expect(response.status == .ok)
            let html = PagesTests.text(response)
            #expect(html.contains("<html lang=\"zh-TW\">"))
            #expect(html.contains("資通系統防護涵蓋率"))
            // DOC is in the October upload, EMR reported by record; HR's host is in neither. Only DOC has EDR.
            #expect(
                html.contains(
                    "<tr id=\"coverage-vans\"><td>VANS</td><td class=\"count\">3</td><td class=\"count\">1</td>"
                        + "<td class=\"count share\">33.33%</td></tr>"))
            #expect(
                html.contains(
                    "<tr id=\"coverage-edr\"><td>EDR</td><td class=\"count\">3</td><td class=\"count\">2</td>"
                        + "<td class=\"count share\">66.67%</td></tr>"))
            #expect(html.contains("<a href=\"/agencies/2.16.886.101.20007\">監察院</a>"))
            #expect(html.contains("<td>人事&lt;系統&gt; (HR)</td><td>hr-db-01</td>"))
            #expect(!html.contains("人事<系統>"))
            #expect(html.contains("<td>電子病歷 (EMR)</td><td>emr-01</td>"))
            #expect(html.contains("各等級應辦事項狀態"))
            #expect(html.contains("<tr><td>C</td>"))
            #expect(html.contains("<tr><td>第一階段（身分鑑別）</td><td class=\"count\">1</td></tr>"))
            #expect(html.contains("<tr><td>尚未上線</td><td class=\"count\">2</td></tr>"))
            #expect(html.contains("<dt>仍並行舊有連線方式</dt><dd>1</dd>"))
            #expect(html.contains("href=\"/supervisor/coverage.csv?as_of=2026-11-01\""))
        }
    }

    @Test func theFilterNarrowsByLevelInEnglish() async throws {
        try await Self.get("/supervisor/coverage?level=C&lang=en", viewer: "nation") { response in
            let html = PagesTests.text(response)
            #expect(html.contains("<html lang=\"en\">"))
            #expect(html.contains("<option value=\"C\" selected=\"\">C</option>"))
            #expect(
                html.contains("<td class=\"count\">1</td><td class=\"count\">0</td><td class=\"count share\">0.00%"))
            #expect(
                html.contains("<td class=\"count\">1</td><td class=\"count\">1</td><td class=\"count share\">100.00%"))
            #expect(html.contains("Hualien County Public Health Bureau"))
            #expect(!html.contains("HR)"))
            #expect(html.contains("Obligation status per level"))
        }
    }

    @Test func anAgencySeesOnlyItsOwnSystems() async throws {
        try await Self.get("/supervisor/coverage", viewer: "2.16.886.101.20007") { response in
            let html = PagesTests.text(response)
            #expect(
                html.contains("<td class=\"count\">2</td><td class=\"count\">1</td><td class=\"count share\">50.00%"))
            #expect(!html.contains("電子病歷"))
            #expect(!html.contains("<tr><td>C</td>"))
        }
    }

    @Test func theCSVListsEverySystemForBothMechanisms() async throws {
        try await Self.get("/supervisor/coverage.csv?as_of=2026-11-01", viewer: "nation") { response in
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"openvans-coverage.csv\"")
            let bytes = Array(response.body.readableBytesView)
            let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
            #expect(lines.count == 7)
            #expect(lines[0] == "防護機制,OID,機關,系統代碼,系統名稱,已涵蓋,主機數,未涵蓋主機")
            #expect(lines.contains("VANS,2.16.886.101.20007,監察院,HR,人事<系統>,否,1,hr-db-01"))
            #expect(lines.contains("EDR,2.16.886.101.90021,花蓮縣衛生局,EMR,電子病歷,否,1,emr-01"))
        }
    }

    @Test func signedOutIsSentToSignIn() async throws {
        try await PagesFixture.with(coverage: true) { fixture in
            try await PagesTests.get("/supervisor/coverage", viewer: nil, in: fixture) { response in
                #expect(response.headers[.location] == "/login?next=%2Fsupervisor%2Fcoverage")
            }
        }
    }
}
