import AppCore
import Foundation
import Governance
import Logging
import Remediation
import Storage
import StorageSQLite
import Testing
import VulnModel

/// The daily reminder run as a job of the service's queue (ADR 0021): two worker processes on one SQLite file, a
/// fixed clock past the scheduled hour, a real SMTP receiver on loopback.
@Suite struct ScheduledReminderTests {
    @Test func twoWorkersPastTheHourQueueOneJobThatRunsOnceAndMailsEachReminderOnce() async throws {
        guard let receiver = try SMTPReceiver.start() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-sched-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vans.sqlite").path
        let before = FixedClock("2024-03-24T00:59:00Z")  // 08:59 in Taiwan
        let after = FixedClock("2024-03-24T01:30:00Z")  // 09:30 in Taiwan

        let first = try await SQLiteStorage.open(path: path, connections: 2)
        let second = try await SQLiteStorage.open(path: path, connections: 2)
        do {
            try await ReminderRunSQLTests.seed(
                first.backend, lastMonth: try #require(ReportingMonth(year: 2024, month: 2)), now: before.time)
            let workers = [first, second].map { storage in
                Self.worker(storage.backend, port: receiver.port, clock: after)
            }
            let queue = SQLJobQueue(backend: first.backend)

            await withTaskGroup(of: Void.self) { group in
                for worker in workers { group.addTask { await worker.maintain(now: before.time) } }
            }
            #expect(try await queue.job(dedupeKey: "remind:2024-03-24") == nil)

            await withTaskGroup(of: Void.self) { group in
                for worker in workers { group.addTask { await worker.maintain(now: after.time) } }
            }
            let job = try #require(try await queue.job(dedupeKey: "remind:2024-03-24"))
            #expect(job.kind == .remind && job.payload == "2024-03-24" && job.state == .queued)

            let claimed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for worker in workers { group.addTask { try await worker.runOne() } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(claimed.filter { $0 }.count == 1)
            let done = try await queue.job(job.id)
            #expect(done.state == .succeeded && done.attempts == 1)
            // The 7-days-before reminder, February's missing uploads of both agencies and their escalations.
            let mails = try receiver.messages()
            #expect(mails.count == 5)
            #expect(Set(mails.compactMap { $0.header("Message-ID") }).count == 5)

            // Later the same day both maintain again: the day's job is there already, nothing runs or goes out.
            let later = Timestamp(millisecondsSinceEpoch: after.time.millisecondsSinceEpoch + 3_600_000)
            for worker in workers { await worker.maintain(now: later) }
            #expect(try await workers[1].runOne() == false)
            #expect(try receiver.messages().count == 5)
            let audit = try await SQLAuditLog(backend: first.backend).entries(agency: nil, after: nil, limit: 100)
            #expect(audit.filter { $0.action == "reminders.dispatched" }.count == 1)
        } catch {
            await first.close()
            await second.close()
            throw error
        }
        await first.close()
        await second.close()
    }

    /// One process's worker with only the reminder job kind, as `vans serve --remind-at 09:00` assembles it.
    static func worker(_ backend: Backend, port: Int, clock: FixedClock) -> JobWorker {
        var logger = Logger(label: "vans.test.reminders")
        logger.logLevel = .warning
        let jobs = SQLJobQueue(backend: backend)
        let reminders: @Sendable () async throws -> ReminderRun = {
            var run = ReminderRunSQLTests.run(backend, port: port, clock: clock)
            run.audit = SQLAuditLog(backend: backend)
            return run
        }
        let job = ReminderJob(
            jobs: jobs, schedule: .standard, clock: { clock.time }, logger: logger, reminders: reminders)
        return JobWorker(
            jobs: jobs, handlers: [.remind: job], settings: WorkerSettings(), clock: { clock.time }, logger: logger)
    }
}

/// `--remind-at`: a time of day in Taiwan, and the day whose run is due at an instant.
@Suite struct ReminderScheduleTests {
    @Test(
        arguments: [
            ("09:00", "2024-03-24T00:59:59Z", nil),
            ("09:00", "2024-03-24T01:00:00Z", "2024-03-24"),
            ("09:00", "2024-03-24T15:59:00Z", "2024-03-24"),
            ("09:00", "2024-03-24T16:00:00Z", nil),  // midnight in Taiwan: the 25th, before its hour
            ("00:00", "2024-03-24T16:00:00Z", "2024-03-25"),
            ("23:30", "2024-03-24T15:29:00Z", nil),
        ] as [(String, String, String?)])
    func theRunIsDueOnceTheTaiwaneseTimeHasPassed(at: String, now: String, day: String?) throws {
        let schedule = try #require(ReminderSchedule(parsing: at))
        #expect(schedule.description == at)
        #expect(schedule.dueDay(at: FixedClock(now).time)?.description == day)
    }

    @Test(arguments: ["9:00", "24:00", "09:60", "0900", "", "09:00:00", "０９:００"])
    func aMalformedTimeIsRefused(text: String) {
        #expect(ReminderSchedule(parsing: text) == nil)
    }
}
