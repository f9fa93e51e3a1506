import Governance
import Remediation
import Testing
import VulnModel

/// R24's counts, and the Taiwanese day the planner works on.
@Suite struct AgencySummaryTests {
    @Test func countsPerAgencyAndPerLocalGovernment() throws {
        var closed = makeRecord(.critical, key: key(host: "srv-02"))
        try closed.apply(.claimRemediated(evidence: "patched"), on: day("2024-03-10"), by: "林")
        let records = [
            makeRecord(.critical, kevAdded: "2024-02-01"), makeRecord(.high, key: key(host: "srv-03")), closed,
            makeRecord(.critical, key: key(agency: county)),
        ]
        let summaries = AgencySummary.byAgency(records, sla: .standard, today: day("2024-04-15"))
        let bureauSummary = try #require(summaries[bureau])
        #expect(bureauSummary.open == 2 && bureauSummary.openKEV == 1 && bureauSummary.closed == 1)
        #expect(bureauSummary.overdue == 1, "the KEV one (due 03-15) is overdue, the high one (due 04-30) is not")
        let rolled = AgencySummary.byLocalGovernment(summaries, directory: directory())
        #expect(rolled[.yilan]?.open == 3 && rolled[.yilan]?.overdue == 2)
    }

    @Test(arguments: [
        ("2024-03-31T15:59:59.000Z", "2024-03-31"),
        ("2024-03-31T16:00:00.000Z", "2024-04-01"),
        ("2024-04-01T00:00:00.000Z", "2024-04-01"),
    ])
    func theDayIsTaiwanese(utc: String, taipei: String) throws {
        let now = try #require(Timestamp(iso8601: utc))
        #expect(now.dayInTaiwan == day(taipei))
        let planner = ReminderPlanner()
        #expect(
            planner.plan(due: planner.due([makeRecord()]), directory: directory(), now: now, alreadySent: [])
                == planner.plan(records: [makeRecord()], directory: directory(), today: day(taipei), alreadySent: []))
    }
}
