import AppCore
import ArgumentParser
import Logging
import ServiceLifecycle

/// `vans worker`: processes queued uploads and re-matches without serving HTTP — more processes on the same
/// PostgreSQL database (jobs are claimed with FOR UPDATE SKIP LOCKED, so no upload is processed twice at once).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Process queued uploads and re-matches on the service's database, without serving HTTP.",
        discussion: """
            Takes the same --database/--postgres and knowledge base as `vans serve`, and the same settings file \
            (workers, leaseSeconds, pollMilliseconds, kb; VANS_WORKERS, VANS_LEASE_SECONDS, VANS_POLL_MILLISECONDS, \
            VANS_KB). With --smtp or --webhook it also sends the day's reminders once --remind-at has passed, as \
            `vans serve` does: one job per day however many processes share the database (ADR 0021). Stops on \
            SIGTERM or SIGINT after finishing the jobs in hand.
            """
    )

    @Option(help: "A JSON settings file.") var config: String?
    @Option(help: "trace, debug, info, notice, warning, error or critical (default info).") var logLevel: String =
        "info"
    @Option(help: "The SQLite file (or VANS_DATABASE; default vans.sqlite).") var database: String?
    @Option(help: "A postgres:// URL (or VANS_POSTGRES_URL); used instead of SQLite.") var postgres: String?
    @OptionGroup var worker: WorkerOptions
    @OptionGroup(title: "Reminders") var reminders: ReminderScheduling

    func run() async throws {
        var settings = try worker.resolve(config: config)
        settings.concurrency = max(1, settings.concurrency)
        var logger = Logger(label: "vans.worker")
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw CommandFailure(message: "--log-level: \(logLevel) is not a log level")
        }
        logger.logLevel = level
        let reminders = try self.reminders.scheduled()
        let storage = try await ServeCommand.openStorage(postgres: postgres, database: database)
        do {
            let processing = try Processing.assemble(
                backend: storage.backend, settings: settings,
                database: ServeCommand.sqlitePath(postgres: postgres, database: database), logger: logger,
                reminders: reminders)
            await processing.knowledge.preload()
            Console.status(
                "vans worker: \(settings.concurrency) job loops, lease \(settings.lease), reminders "
                    + (reminders.map { "at \($0.schedule) Taiwan time" } ?? "off"))
            let group = ServiceGroup(
                configuration: .init(
                    services: [WorkerService(worker: processing.worker)], gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger))
            try await group.run()
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    }
}
