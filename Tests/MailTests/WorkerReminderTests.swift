import AppCore
import Foundation
import Governance
import Remediation
import Storage
import StorageSQLite
import Synchronization
import TestSupport
import Testing
import VulnModel

/// `vans worker --smtp … --remind-at …` as real processes (ADR 0021): two workers on one SQLite file whose hour has
/// passed queue the day's run once, one of them runs it, and each reminder reaches the loopback SMTP receiver once.
/// Skipped, saying why, without aiosmtpd or without the built `vans`.
@Suite struct WorkerReminderTests {
    @Test func twoWorkerProcessesMailTheDaysRemindersOnce() async throws {
        guard let receiver = try SMTPReceiver.start() else { return }
        guard let executable = ServiceProcess.executable else {
            print("skipped: vans is not built (swift build)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-wremind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vans.sqlite").path
        let contacts = folder.appendingPathComponent("contacts.txt")
        let lines = MailFixtures.addresses.map { recipient, addresses in
            let name: String =
                switch recipient {
                case .nation: "nation"
                case .agency(let id): id.rawValue
                }
            return "\(name) \(addresses.joined(separator: ","))"
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: contacts)

        let now = Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
        let storage = try await SQLiteStorage.open(path: path, connections: 1)
        do {
            try await ReminderRunSQLTests.seed(
                storage.backend, lastMonth: try #require(ReportingMonth(year: 2024, month: 3)), now: now)
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()

        // 00:00 Taiwan time has always passed: the day's run is due as soon as the workers look.
        let arguments = [
            "worker", "--database", path, "--smtp", "127.0.0.1:\(receiver.port)", "--contacts", contacts.path,
            "--remind-at", "00:00", "--poll-milliseconds", "100", "--missing-months", "1",
            "--kb", folder.appendingPathComponent("kb.vanskb").path,
        ]
        let (ran, ranContinuation) = AsyncStream<Bool>.makeStream()
        let ended = Counter()
        let tap: @Sendable (String?) -> Void = { chunk in
            guard let chunk else {
                if ended.increment() == 2 { ranContinuation.yield(false) }
                return
            }
            if chunk.contains("reminders: expired") { ranContinuation.yield(true) }
            // A worker that schedules no reminders would otherwise leave the test waiting forever.
            if chunk.contains("reminders off") || chunk.contains("reminders: off") { ranContinuation.yield(false) }
        }
        let workers = [
            try ServiceProcess(executable: executable, arguments: arguments, tap: tap),
            try ServiceProcess(executable: executable, arguments: arguments, tap: tap),
        ]
        var iterator = ran.makeAsyncIterator()
        let finished = await iterator.next()
        for worker in workers where worker.process.isRunning { worker.kill(SIGTERM) }
        #expect(finished == true, "no reminder run: \(workers.map(\.transcript))")

        let reopened = try await SQLiteStorage.open(path: path, connections: 1)
        let deliveries: [DeliveryRecord]
        let audit: [AuditEntry]
        let job: Job?
        do {
            deliveries = try await SQLSentMessageLog(backend: reopened.backend).records()
            audit = try await SQLAuditLog(backend: reopened.backend).entries(agency: nil, after: nil, limit: 100)
                .filter { $0.action == "reminders.dispatched" }
            job = try await SQLJobQueue(backend: reopened.backend).job(
                dedupeKey: "remind:\(audit.first?.subject ?? "")")
        } catch {
            await reopened.close()
            throw error
        }
        await reopened.close()

        #expect(audit.count == 1)
        #expect(job?.state == .succeeded && job?.attempts == 1)
        let mails = try receiver.messages()
        // The overdue log4j record's reminders and last month's missing uploads, as many as the run says it sent.
        #expect(!mails.isEmpty)
        #expect(audit.first?.detail.contains("\"sent\":\(mails.count),") == true)
        #expect(mails.count == deliveries.filter { $0.state == .sent }.count)
        #expect(deliveries.allSatisfy { $0.state == .sent && $0.attempts == 1 })
        #expect(Set(mails.compactMap { $0.header("Message-ID") }).count == mails.count)
    }
}

/// Counts ended output streams across the two processes' reader threads.
final class Counter: Sendable {
    private let value = Mutex(0)

    func increment() -> Int {
        value.withLock { count in
            count += 1
            return count
        }
    }
}
