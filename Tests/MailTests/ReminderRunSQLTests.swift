import AppCore
import Foundation
import Governance
import Mail
import Remediation
import Storage
import StorageSQLite
import Testing
import VulnModel

/// `ReminderRun` over the SQL stores and log, to a real SMTP server on loopback: exactly once across runs and a
/// restart, and at least once across a crash between `sending` and `sent` (ADR 0011).
@Suite struct ReminderRunSQLTests {
    static func agencies() throws -> [Agency] {
        let levels = try LevelHistory([
            LevelAssignment(level: .b, effective: try #require(Day(iso8601: "2023-01-01")))
        ])
        return MailFixtures.directory().all.map { agency in
            var agency = agency
            agency.levels = levels
            return agency
        }
    }

    /// The directory and one open record (`MailFixtures.record()`), last seen in `lastMonth`, saved at `now`.
    static func seed(_ backend: Backend, lastMonth: ReportingMonth, now: Timestamp) async throws {
        try await SQLAgencyStore(backend: backend).save(try agencies())
        let record = MailFixtures.record()
        try await SQLRemediationStore(backend: backend).save(
            [
                TrackedRemediation(
                    record: record, deadline: SLAPolicy.standard.deadline(for: record), lastMonth: lastMonth,
                    storedHistoryCount: nil)
            ], now: now)
    }

    static func run(_ backend: Backend, port: Int, clock: FixedClock) -> ReminderRun {
        ReminderRun(
            records: SQLRemediationStore(backend: backend), agencies: SQLAgencyStore(backend: backend),
            uploads: SQLUploadStore(backend: backend),
            dispatcher: ReminderDispatcher(
                planner: ReminderPlanner(), senders: [MailFixtures.mailSender(port: port, clock: clock)],
                log: SQLSentMessageLog(backend: backend), clock: clock),
            missingUploadMonths: 1)
    }

    @Test func eachReminderIsMailedOnceAcrossRunsAndARestartAndResentAfterACrashMidSend() async throws {
        guard let receiver = try SMTPReceiver.start() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-remind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vans.sqlite").path
        let day1 = FixedClock("2024-03-24T01:00:00Z")

        var storage = try await SQLiteStorage.open(path: path, connections: 2)
        try await Self.seed(
            storage.backend, lastMonth: try #require(ReportingMonth(year: 2024, month: 2)), now: day1.time)
        // The record's 7-days-before reminder, and February's missing uploads of both agencies (flagged 10 March)
        // with their escalations (17 March).
        let first = try await Self.run(storage.backend, port: receiver.port, clock: day1).run(now: day1.time).report
        #expect(first.sent.count == 5 && first.failures.isEmpty && first.skipped == 0)
        #expect(try receiver.messages().count == 5)
        await storage.close()

        // A restart: a fresh process on the same file sends nothing again.
        storage = try await SQLiteStorage.open(path: path, connections: 2)
        let second = try await Self.run(storage.backend, port: receiver.port, clock: day1).run(now: day1.time).report
        #expect(second.sent.isEmpty && second.skipped == 5)
        #expect(try receiver.messages().count == 5)

        // 30 March: the 1-day reminder. A previous run crashed after the relay accepted it and before `sent`.
        let day2 = FixedClock("2024-03-30T01:00:00Z")
        let deadline = try #require(Day(iso8601: "2024-03-31"))
        let due = PlannedMessage(
            recipient: .agency(MailFixtures.bureau), agency: MailFixtures.bureau,
            subject: .remediation(MailFixtures.record().key, deadline: deadline), stage: .beforeDue(days: 1),
            dueOn: try #require(Day(iso8601: "2024-03-30")))
        let log = SQLSentMessageLog(backend: storage.backend)
        try await log.markSending(due.key, channel: "mail", recipient: due.recipient.description, at: day2.time)
        try await MailFixtures.mailSender(port: receiver.port, clock: day2).send(
            MessageRenderer(directory: MailFixtures.directory()).render(due))
        let third = try await Self.run(storage.backend, port: receiver.port, clock: day2).run(now: day2.time).report
        #expect(third.sent == ["mail \(due.key)"])
        let entry = try #require(try await log.records().first { $0.key == due.key })
        #expect(entry.state == .sent && entry.attempts == 2)
        // At least once: the copy is recognisable by its Message-ID, the same as the first one's.
        let ids = try receiver.messages().compactMap { $0.header("Message-ID") }
        #expect(ids.count == 7 && Set(ids).count == 6)
        let fourth = try await Self.run(storage.backend, port: receiver.port, clock: day2).run(now: day2.time).report
        #expect(fourth.sent.isEmpty)
        #expect(try receiver.messages().count == 7)
        await storage.close()
    }
}
