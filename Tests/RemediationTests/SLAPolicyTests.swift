import Governance
import Remediation
import Testing
import VulnModel

/// R20: deadlines from configurable SLAs per severity and KEV status; the clock starts at first seen, KEV date
/// added or a directive's date, honours the KEV due date, pauses during risk acceptance and restarts on reopen.
@Suite struct SLAPolicyTests {
    static let policy = SLAPolicy.standard  // critical 30, high 60, medium 90, low 180, KEV 14, KEV due date honoured

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var severity: CVSSSeverity
        var firstSeen: String
        var kevAdded: String?
        var kevDue: String?
        var deadline: String
        var basis: Deadline.Basis
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(
            name: "critical", severity: .critical, firstSeen: "2024-03-01", deadline: "2024-03-31", basis: .severity(30)
        ),
        Case(name: "high", severity: .high, firstSeen: "2024-03-01", deadline: "2024-04-30", basis: .severity(60)),
        Case(name: "medium", severity: .medium, firstSeen: "2024-03-01", deadline: "2024-05-30", basis: .severity(90)),
        Case(
            name: "KEV listed before first seen: 14 days from first seen", severity: .high, firstSeen: "2024-03-01",
            kevAdded: "2023-01-10", kevDue: "2023-01-31", deadline: "2024-03-15", basis: .kev(14)),
        Case(
            name: "KEV listed later: clock from date added", severity: .high, firstSeen: "2024-03-01",
            kevAdded: "2024-04-01", deadline: "2024-04-15", basis: .kev(14)),
        Case(
            name: "KEV due date earlier than 14 days is honoured", severity: .high, firstSeen: "2024-03-01",
            kevAdded: "2024-03-05", kevDue: "2024-03-12", deadline: "2024-03-12", basis: .kevDueDate),
        Case(
            name: "severity deadline earlier than KEV", severity: .critical, firstSeen: "2024-03-01",
            kevAdded: "2024-03-29", deadline: "2024-03-31", basis: .severity(30)),
    ])
    func deadlines(_ example: Case) {
        let subject = makeRecord(
            example.severity, firstSeen: example.firstSeen, kevAdded: example.kevAdded, kevDue: example.kevDue)
        let deadline = Self.policy.deadline(for: subject)
        #expect(deadline?.day == day(example.deadline))
        #expect(deadline?.basis == example.basis)
    }

    @Test func aBandWithoutAnSLAHasNoDeadline() {
        #expect(Self.policy.deadline(for: makeRecord(.none)) == nil)
    }

    @Test func aNationalDirectiveStartsItsOwnClock() {
        let directive = Directive(
            id: "ACS-113-007", cves: [cve("CVE-2021-44228")], issuedOn: day("2024-03-10"), days: 7)
        let deadline = Self.policy.deadline(for: makeRecord(.high), directives: [directive])
        #expect(deadline?.day == day("2024-03-17"))
        #expect(deadline?.basis == .directive("ACS-113-007"))
        let other = Directive(id: "other", cves: [cve("CVE-2020-0001")], issuedOn: day("2024-03-10"), days: 1)
        #expect(Self.policy.deadline(for: makeRecord(.high), directives: [other])?.basis == .severity(60))
    }

    /// Risk acceptance from 03-11 to 03-21 (10 days) moves a 03-31 deadline to 04-10.
    @Test func riskAcceptancePausesTheClock() throws {
        var subject = makeRecord(.critical)
        try subject.apply(
            .acceptRisk(RiskAcceptance(approver: "資安長", reason: "vendor patch pending", expires: day("2024-06-01"))),
            on: day("2024-03-11"), by: "資安長")
        try subject.apply(.reopen(reason: "acceptance withdrawn"), on: day("2024-03-21"), by: "資安長")
        // Reopening restarts the clock, so compare with an acceptance that simply ended:
        var paused = makeRecord(.critical)
        try paused.apply(
            .acceptRisk(RiskAcceptance(approver: "資安長", reason: "vendor patch pending", expires: day("2024-03-21"))),
            on: day("2024-03-11"), by: "資安長")
        try paused.apply(.expireAcceptance, on: day("2024-03-21"), by: "system")
        let deadline = Self.policy.deadline(for: paused)
        #expect(deadline?.day == day("2024-04-10"))
        #expect(deadline?.pausedDays == 10)
        #expect(!Self.policy.isOverdue(paused, on: day("2024-04-10")))
        #expect(Self.policy.isOverdue(paused, on: day("2024-04-11")))
        // The reopened one counts 30 days from 03-21.
        #expect(Self.policy.deadline(for: subject)?.day == day("2024-04-20"))
        #expect(Self.policy.deadline(for: subject)?.clockStart == day("2024-03-21"))
    }

    @Test func closedFindingsAreNeverOverdue() throws {
        var subject = makeRecord(.critical)
        try subject.apply(
            .markFalsePositive(justification: "not the vulnerable module"), on: day("2024-03-02"), by: "林")
        #expect(!Self.policy.isOverdue(subject, on: day("2025-01-01")))
    }

    /// Overdue findings listed per agency, most overdue first.
    @Test func overdueFindingsPerAgency() throws {
        let other = oid("2.16.886.116.2")
        var planned = makeRecord(.critical, key: key(host: "srv-02"))
        try planned.apply(
            .plan(measure: "upgrade", owner: "林", targetDate: day("2024-05-01")), on: day("2024-03-02"), by: "林")
        var done = makeRecord(.critical, key: key(host: "srv-03"))
        try done.apply(.claimRemediated(evidence: "upgraded"), on: day("2024-03-05"), by: "林")
        let records = [
            makeRecord(.critical), planned, done, makeRecord(.high),
            makeRecord(.high, firstSeen: "2024-01-01", key: key(agency: other)),
        ]
        let report = OverdueReport(records: records, sla: Self.policy, today: day("2024-04-10"))
        #expect(report.byAgency[bureau]?.map(\.key.host) == [HostID("srv-01"), HostID("srv-02")])
        #expect(report.byAgency[bureau]?.map(\.daysOverdue) == [10, 10])
        #expect(report.byAgency[other]?.first?.daysOverdue == 40)
    }
}
