import Logging
import VulnModel

/// Claims jobs and runs them with their handlers: heartbeats the lease while a handler works, completes the job when
/// it returns, fails it with back-off when it throws (for good when out of attempts or when the failure is
/// permanent, and then the handler marks what the job was about as failed). Between jobs one loop reclaims expired
/// leases — how a job of a killed process is retried — and lets the handlers repair what a crash left.
public struct JobWorker: Sendable {
    public let jobs: any JobQueue
    public let handlers: [Job.Kind: any JobHandler]
    public let settings: WorkerSettings
    public let clock: @Sendable () -> Timestamp
    public let sleep: @Sendable (Duration) async throws -> Void
    public let logger: Logger

    public init(
        jobs: any JobQueue, handlers: [Job.Kind: any JobHandler], settings: WorkerSettings,
        clock: @escaping @Sendable () -> Timestamp,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        logger: Logger
    ) {
        self.jobs = jobs
        self.handlers = handlers
        self.settings = settings
        self.clock = clock
        self.sleep = sleep
        self.logger = logger
    }

    /// Runs `settings.concurrency` loops until `stop` is set (each finishes its current job first) or the task is
    /// cancelled.
    public func run(until stop: StopSignal) async {
        await withTaskGroup(of: Void.self) { group in
            for number in 0..<settings.concurrency {
                group.addTask { await loop(number: number, until: stop) }
            }
        }
    }

    func loop(number: Int, until stop: StopSignal) async {
        var lastMaintenance: Timestamp?
        let maintenanceEvery = max(settings.lease / 2, .seconds(1))
        while !stop.isStopped && !Task.isCancelled {
            let now = clock()
            if number == 0, lastMaintenance.map({ now.milliseconds(since: $0) >= maintenanceEvery }) ?? true {
                await maintain(now: now)
                lastMaintenance = now
            }
            if (try? await runOne()) == true { continue }
            do { try await sleep(settings.pollInterval) } catch { return }
        }
    }

    /// Claims one job and runs it to its end; false when none was available (or the queue could not be reached).
    @discardableResult
    public func runOne() async throws -> Bool {
        let lease: JobLease?
        do {
            lease = try await jobs.claim(kinds: Array(handlers.keys), lease: settings.lease, now: clock())
        } catch {
            logger.warning("claiming a job failed: \(error)")
            throw error
        }
        guard let lease, let handler = handlers[lease.job.kind] else { return false }
        await execute(lease, with: handler)
        return true
    }

    /// Reclaims expired leases and lets each handler repair; failures are logged and tried again next time.
    public func maintain(now: Timestamp) async {
        do {
            let reclaimed = try await jobs.reclaimExpired(now: now)
            if !reclaimed.isEmpty { logger.notice("reclaimed \(reclaimed.count) jobs whose lease expired") }
        } catch {
            logger.warning("reclaiming expired leases failed: \(error)")
        }
        for (kind, handler) in handlers {
            do { try await handler.maintain(now: now) } catch {
                logger.warning("maintenance of \(kind) jobs failed: \(error)")
            }
        }
    }

    func execute(_ lease: JobLease, with handler: any JobHandler) async {
        var logger = self.logger
        logger[metadataKey: "job"] = "\(lease.job.id)"
        logger[metadataKey: "kind"] = "\(lease.job.kind)"
        logger.info("job claimed (attempt \(lease.job.attempts) of \(lease.job.maxAttempts))")
        let jobLogger = logger
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await handler.run(lease) }
                group.addTask { try await heartbeat(lease, logger: jobLogger) }
                // The handler finishing ends the heartbeat; the heartbeat only ends by losing the lease, which
                // cancels the handler (its open transaction rolls back).
                _ = try await group.next()
                group.cancelAll()
            }
            try await jobs.complete(lease, now: clock())
            logger.info("job done")
        } catch {
            await failed(lease, with: handler, error: error, logger: logger)
        }
    }

    func heartbeat(_ lease: JobLease, logger: Logger) async throws {
        let every = max(settings.lease / 3, .milliseconds(100))
        while true {
            try await sleep(every)
            do {
                _ = try await jobs.heartbeat(lease, extendBy: settings.lease, now: clock())
            } catch  where error.kind == .leaseLost {
                throw error
            } catch {
                logger.warning("heartbeat failed, trying again: \(error)")
            }
        }
    }

    func failed(_ lease: JobLease, with handler: any JobHandler, error: any Error, logger: Logger) async {
        if let error = error as? StoreError, error.kind == .leaseLost {
            logger.warning("job given up: its lease was lost to another worker (\(error))")
            return
        }
        let now = clock()
        let permanent = error as? JobFailure
        let reason = permanent?.reason ?? Self.describe(error)
        do {
            if permanent != nil {
                try await handler.abandoned(lease.job, reason: reason, now: now)
                try await jobs.abandon(lease, reason: reason, now: now)
                logger.error("job failed for good: \(reason)")
                return
            }
            let retryAt = now.adding(settings.retryDelay(afterAttempt: lease.job.attempts))
            let state = try await jobs.fail(lease, reason: reason, retryAt: retryAt, now: now)
            guard state == .failed else {
                logger.warning("job failed, will retry at \(retryAt): \(reason)")
                return
            }
            let final = "gave up after \(lease.job.attempts) attempts: \(reason)"
            logger.error("job failed for good: \(final)")
            try await handler.abandoned(lease.job, reason: final, now: now)
        } catch {
            // The lease expires and the job is retried, or the handler's maintenance finishes the failing.
            logger.error("recording the failure of the job failed: \(error) (the failure was: \(reason))")
        }
    }

    static func describe(_ error: any Error) -> String {
        if error is CancellationError { return "interrupted" }
        return "\(error)"
    }
}

extension Timestamp {
    func milliseconds(since earlier: Timestamp) -> Duration {
        .milliseconds(millisecondsSinceEpoch - earlier.millisecondsSinceEpoch)
    }
}
