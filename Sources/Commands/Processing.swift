import AppCore
import Foundation
import Logging
import ServiceLifecycle
import Storage
import VulnModel

/// The processing side of the service on one storage: the knowledge base and the job worker with its handlers.
struct Processing {
    let knowledge: FileKnowledgeBase
    let worker: JobWorker
    let readiness: Readiness

    /// `database` is the SQLite file, if that is the storage, so the default knowledge base sits beside it. Every
    /// upload's findings go on to remediation tracking (records, deadlines, verification: ADR 0016), then to the
    /// removal tasks of prohibited software (ADR 0022). With `reminders`, the daily reminder run is a job kind too,
    /// queued by the maintenance loop (ADR 0021).
    static func assemble(
        backend: Backend, settings: WorkerSettings, database: String?, logger: Logger,
        reminders: (schedule: ReminderSchedule, channels: ReminderChannels)? = nil
    ) throws -> Processing {
        let clock: @Sendable () -> Timestamp = { SystemClock().now() }
        let knowledge = FileKnowledgeBase(
            path: settings.knowledgeBase ?? FileKnowledgeBase.defaultPath(beside: database), clock: clock)
        let uploads = SQLUploadStore(backend: backend)
        let jobs = SQLJobQueue(backend: backend)
        let findings = SQLFindingStore(backend: backend)
        let audit = SQLAuditLog(backend: backend)
        let observer = FindingsObservers([
            RemediationSync(
                store: SQLRemediationStore(backend: backend), riskFacts: CurrentRiskFacts(knowledge: knowledge),
                audit: audit),
            RemovalSync(store: SQLProhibitionStore(backend: backend), uploads: uploads, audit: audit),
        ])
        var workerLogger = logger
        workerLogger[metadataKey: "component"] = "worker"
        var handlers: [Job.Kind: any JobHandler] = [
            .processUpload: UploadProcessor(
                uploads: uploads, jobs: jobs, findings: findings, knowledge: knowledge, observer: observer,
                parallelism: settings.parallelism, clock: clock, logger: workerLogger),
            .rematch: RematchProcessor(
                uploads: uploads, findings: findings, knowledge: knowledge, observer: observer,
                parallelism: settings.parallelism, clock: clock, logger: workerLogger),
        ]
        if let reminders {
            let channels = reminders.channels
            handlers[.remind] = ReminderJob(
                jobs: jobs, schedule: reminders.schedule, clock: clock, logger: workerLogger,
                reminders: { try await channels.reminderRun(backend: backend, clock: SystemClock()) })
        }
        let worker = JobWorker(
            jobs: jobs, handlers: handlers, settings: settings, clock: clock, logger: workerLogger)
        return Processing(
            knowledge: knowledge, worker: worker,
            readiness: Readiness(storage: SQLStorageProbe(backend: backend), knowledge: knowledge))
    }
}

/// The worker loops as a lifecycle service: on SIGTERM/SIGINT they stop claiming and finish the job in hand.
struct WorkerService: Service {
    let worker: JobWorker

    func run() async throws {
        let stop = StopSignal()
        await withGracefulShutdownHandler {
            await worker.run(until: stop)
        } onGracefulShutdown: {
            stop.stop()
        }
    }
}
