import Governance
import Remediation
import Testing
import VulnModel

/// R23: staged reminders, escalation to the supervising agency after a delay, idempotency keys so that a restart
/// never sends twice, and a daily digest.
@Suite struct ReminderPlannerTests {
    /// Runs the planner once a day from `start` to `end`, as a job would, remembering what it sent; `restartOn`
    /// days run twice (a crash after sending, then a restart), which must send nothing more.
    static func simulate(
        _ planner: ReminderPlanner, records: [RemediationRecord], missing: [MissingUpload] = [], from start: String,
        to end: String, restartOn: Set<String> = []
    ) -> [(day: Day, message: PlannedMessage)] {
        var sent: Set<String> = []
        var log: [(Day, PlannedMessage)] = []
        var today = day(start)
        while today <= day(end) {
            for _ in 0..<(restartOn.contains(today.description) ? 2 : 1) {
                for message in planner.plan(
                    records: records, missingUploads: missing, directory: directory(), today: today, alreadySent: sent)
                {
                    sent.insert(message.key)
                    log.append((today, message))
                }
            }
            today = today.adding(days: 1)
        }
        return log
    }

    /// The DOMAIN.md test: a simulated overdue finding produces exactly one reminder and then one escalation.
    @Test func anOverdueFindingGetsOneReminderThenOneEscalation() {
        let planner = ReminderPlanner(
            policy: ReminderPolicy(
                daysBeforeDue: [], remindWhenOverdue: true, escalationDelays: [7], missingUploadEscalationDelays: []))
        let log = Self.simulate(
            planner, records: [makeRecord(.critical)], from: "2024-03-01", to: "2024-06-30",
            restartOn: ["2024-04-01", "2024-04-07"])
        #expect(log.map(\.message.stage) == [.overdue, .escalation(1)])
        #expect(log.map(\.day) == [day("2024-04-01"), day("2024-04-07")])
        #expect(log.map(\.message.recipient) == [.agency(bureau), .agency(county)])
    }

    @Test func stagedRemindersThenAnEscalationLadderToTheNation() {
        let log = Self.simulate(
            ReminderPlanner(), records: [makeRecord(.critical)], from: "2024-03-01", to: "2024-12-31",
            restartOn: ["2024-03-24", "2024-04-01"])
        #expect(
            log.map(\.message.stage) == [
                .beforeDue(days: 7), .beforeDue(days: 1), .overdue, .escalation(1), .escalation(2),
            ])
        #expect(
            log.map(\.day) == [
                day("2024-03-24"), day("2024-03-30"), day("2024-04-01"), day("2024-04-07"), day("2024-04-30"),
            ])
        #expect(log.last?.message.recipient == .nation)
    }

    /// A planner that was not run for weeks sends the latest reminder stage only, not every stale one.
    @Test func catchingUpSendsOnlyTheLatestStage() {
        let messages = ReminderPlanner().plan(
            records: [makeRecord(.critical)], directory: directory(), today: day("2024-04-03"), alreadySent: [])
        #expect(messages.map(\.stage) == [.overdue])
        #expect(messages.first?.dueOn == day("2024-04-01"))
    }

    @Test func closedFindingsGetNoReminders() throws {
        var subject = makeRecord(.critical)
        try subject.apply(.claimRemediated(evidence: "patched"), on: day("2024-03-10"), by: "林")
        let log = Self.simulate(ReminderPlanner(), records: [subject], from: "2024-03-01", to: "2024-06-30")
        #expect(log.isEmpty)
    }

    /// The same situation yields the same key; a new deadline (the finding was reopened) a new one.
    @Test func keysAreDeterministic() throws {
        let planner = ReminderPlanner()
        let first = planner.plan(
            records: [makeRecord()], directory: directory(), today: day("2024-04-02"), alreadySent: [])
        let again = planner.plan(
            records: [makeRecord()], directory: directory(), today: day("2024-04-05"), alreadySent: [])
        #expect(first.map(\.key) == again.map(\.key))
        #expect(
            first.first?.key
                == "remediation/2.16.886.116.1/srv-01/CVE-2021-44228/apache:log4j:2.14.1/due-2024-03-31/overdue")
        var reopened = makeRecord()
        try reopened.apply(.claimRemediated(evidence: "patched"), on: day("2024-03-10"), by: "林")
        try reopened.apply(.reopen(reason: "scan still finds it"), on: day("2024-03-20"), by: "稽核")
        let after = planner.plan(records: [reopened], directory: directory(), today: day("2024-04-20"), alreadySent: [])
        #expect(after.first?.key.contains("due-2024-04-19") == true)
    }

    /// R22 + R23: a missing upload reminds the agency on the flag day and escalates to its supervisor.
    @Test func missingUploadsRemindAndEscalate() {
        let missing = MissingUpload(
            agency: bureau, month: ReportingMonth(containing: day("2024-03-01")), flaggedOn: day("2024-04-10"))
        let log = Self.simulate(
            ReminderPlanner(), records: [], missing: [missing], from: "2024-04-01", to: "2024-05-31")
        #expect(log.map(\.message.stage) == [.overdue, .escalation(1)])
        #expect(log.map(\.message.recipient) == [.agency(bureau), .agency(county)])
        #expect(log.first?.message.key == "missing-upload/2.16.886.116.1/2024-03/overdue")
    }

    @Test func aDayOfMessagesBecomesOneDigestPerRecipient() {
        let records = [
            makeRecord(.critical), makeRecord(.critical, key: key(host: "srv-02")),
            makeRecord(.critical, key: key(agency: county)),
        ]
        let messages = ReminderPlanner().plan(
            records: records, directory: directory(), today: day("2024-04-07"), alreadySent: [])
        let digests = Digest.group(messages, on: day("2024-04-07"))
        #expect(digests.map(\.recipient) == [.agency(county), .nation, .agency(bureau)].sorted())
        let toCounty = digests.first { $0.recipient == .agency(county) }
        // The county's own overdue finding plus two escalations about its bureau.
        #expect(toCounty?.messages.count == 3)
        #expect(toCounty?.key == "digest/agency:2.16.886.116/2024-04-07")
    }
}
