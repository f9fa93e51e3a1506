import Logging
import VulnModel

extension Job.Kind {
    /// Payload: the Taiwanese day (`YYYY-MM-DD`) the run is for. One job per day, by its dedupe key `remind:<day>`.
    public static let remind = Job.Kind("remind")
}

/// The daily reminder run as a job of the service's queue (R23): the worker's maintenance loop queues the day's job
/// once the scheduled time has passed, and the dedupe key `remind:<day>` makes it one job however many processes
/// share the queue; one worker claims and runs it. A run whose sends partly failed is retried, and the sent-message
/// log makes the retry send only what is still owed.
public struct ReminderJob: JobHandler {
    public let jobs: any JobQueue
    public let schedule: ReminderSchedule
    /// The run with the configured delivery, built when the job runs (so agencies added since start are reached).
    public let reminders: @Sendable () async throws -> ReminderRun
    public let clock: @Sendable () -> Timestamp
    public let logger: Logger

    public init(
        jobs: any JobQueue, schedule: ReminderSchedule, clock: @escaping @Sendable () -> Timestamp, logger: Logger,
        reminders: @escaping @Sendable () async throws -> ReminderRun
    ) {
        self.jobs = jobs
        self.schedule = schedule
        self.reminders = reminders
        self.clock = clock
        self.logger = logger
    }

    public static func dedupeKey(_ day: Day) -> String { "remind:\(day)" }

    /// Queues today's run once its time has passed; looks first so that an idle service does not write every time.
    public func maintain(now: Timestamp) async throws {
        guard let day = schedule.dueDay(at: now) else { return }
        let key = Self.dedupeKey(day)
        if try await jobs.job(dedupeKey: key) != nil { return }
        let job = try await jobs.enqueue(
            NewJob(kind: .remind, payload: day.description, dedupeKey: key, maxAttempts: 3), now: now)
        logger.info("reminders for \(day) queued as job \(job.id)")
    }

    public func run(_ lease: JobLease) async throws {
        let run = try await reminders()
        let (plan, report) = try await run.dispatchAndRecord(now: clock())
        let summary =
            "expired acceptances \(plan.expired.count), missing uploads \(plan.missingUploads.count), planned "
            + "\(report.planned.count), sent \(report.sent.count), already sent \(report.skipped), failed "
            + "\(report.failures.count)"
        logger.info("reminders: \(summary)")
        guard report.failures.isEmpty else {
            throw ReminderSendFailures(failures: report.failures.map(\.description))
        }
    }

    public func abandoned(_ job: Job, reason: String, now: Timestamp) async throws {
        logger.error("reminders of \(job.payload) given up: \(reason)")
    }
}

/// Some sends of a run failed; the job is retried and sends only those.
public struct ReminderSendFailures: Error, Hashable, Sendable, CustomStringConvertible {
    public var failures: [String]
    public var description: String { "\(failures.count) sends failed: \(failures.joined(separator: "; "))" }
}

extension ReminderRun {
    /// Runs and writes one audit entry for it (`reminders.dispatched` with the counts), as `vans remind` and the
    /// scheduled job both do.
    public func dispatchAndRecord(now: Timestamp) async throws -> (plan: Plan, report: ReminderDispatcher.Report) {
        let (plan, report) = try await run(now: now)
        try await audit?.append(
            AuditEntry(
                at: now, actor: "system", agency: nil, action: "reminders.dispatched",
                subject: now.dayInTaiwan.description,
                detail: "{\"planned\":\(report.planned.count),\"sent\":\(report.sent.count),"
                    + "\"skipped\":\(report.skipped),\"failed\":\(report.failures.count)}"))
        return (plan, report)
    }
}
