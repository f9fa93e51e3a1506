import AppCore
import ArgumentParser
import Foundation
import HTTPAPI
import Hummingbird
import Logging
import OpenAPIHummingbird
import Prometheus
import Server
import Storage
import StoragePostgres
import StorageSQLite
import VulnModel
import WebUI

/// `vans serve`: the VANS service on the SQL storage — an SQLite file by default, PostgreSQL with `--postgres`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the VANS upload API on an SQLite file (default vans.sqlite) or PostgreSQL.",
        discussion: """
            Settings, lowest precedence first: defaults (127.0.0.1:8080), --config FILE (JSON with host, port, \
            logLevel, maxBodyBytes), VANS_HOST / VANS_PORT / VANS_LOG_LEVEL / VANS_MAX_BODY_BYTES, then flags. \
            The database is migrated on start. A database that does not know the samples' agency (監察院) gets it \
            and a demo API key, printed once, for Samples/vans-v1.json and Samples/vans-v2.json. Uploads are             processed by --workers job loops in this process (see `vans worker` for more processes; ADR 0013). \
            With --smtp or --webhook, the day's reminders are queued as one job once --remind-at has passed \
            (Taiwan time), however many processes share the database (ADR 0021).
            """
    )

    @Option(help: "A JSON settings file.") var config: String?
    @Option(help: "Address to listen on (default 127.0.0.1: loopback only).") var host: String?
    @Option(help: "Port to listen on; 0 picks a free one (default 8080).") var port: Int?
    @Option(help: "trace, debug, info, notice, warning, error or critical (default info).") var logLevel: String?
    @Option(help: "Largest upload body in bytes (default 64 MiB).") var maxBodyBytes: Int?
    @Option(help: "The SQLite file (created when absent; default vans.sqlite, or VANS_DATABASE).") var database: String?
    @Option(help: "A postgres:// URL (or VANS_POSTGRES_URL); used instead of SQLite.") var postgres: String?
    @Option(help: "The WebAuthn relying party id: the site's host name (default localhost, or VANS_RP_ID).")
    var rpID: String?
    @Option(help: "An origin the passkey pages are served from (repeatable; default http://localhost:PORT).")
    var origin: [String] = []
    @OptionGroup var worker: WorkerOptions
    @OptionGroup(title: "Reminders") var reminders: ReminderScheduling

    func run() async throws {
        let settings = try resolveSettings()
        var logger = Logger(label: "vans.serve")
        logger.logLevel = settings.level
        let workerSettings = try worker.resolve(config: config)
        let reminders = try self.reminders.scheduled()
        let storage = try await Self.openStorage(postgres: postgres, database: database)
        do {
            let processing = try Processing.assemble(
                backend: storage.backend, settings: workerSettings,
                database: Self.sqlitePath(postgres: postgres, database: database), logger: logger,
                reminders: reminders)
            try await serve(on: storage.backend, settings: settings, processing: processing, logger: logger)
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    }

    func serve(on backend: Backend, settings: ServerSettings, processing: Processing, logger: Logger) async throws {
        let keys = SQLAPIKeyStore(backend: backend)
        let agencies = SQLAgencyStore(backend: backend)
        let clock: @Sendable () -> Timestamp = { SystemClock().now() }
        let demo = try await DemoAgency.seed(agencies: agencies, keys: keys, now: clock())
        if let demo {
            Console.status("demo agency \(DemoAgency.oid) (監察院) seeded; its API key, shown only now: \(demo.secret)")
        }
        let receiver = UploadReceiver(
            keys: keys, uploads: SQLUploadStore(backend: backend), agencies: agencies,
            maxBytes: settings.maxBodyBytes, clock: clock)
        let environment = ProcessInfo.processInfo.environment
        let auth = AuthSetup.services(
            backend: backend, relyingPartyID: rpID ?? environment["VANS_RP_ID"] ?? "localhost",
            origins: Set(origin.isEmpty ? ["http://localhost:\(settings.port)"] : origin), clock: clock)
        await processing.knowledge.preload()
        let results = ResultsReader(
            receiver: receiver, findings: SQLFindingStore(backend: backend), knowledge: processing.knowledge)
        let readiness = processing.readiness
        let knowledge = processing.knowledge
        let remediation = RemediationServices(
            queries: RemediationQueries(
                store: SQLRemediationStore(backend: backend),
                assessments: { try await knowledge.current().matcher }),
            desk: RemediationDesk(store: SQLRemediationStore(backend: backend), audit: SQLAuditLog(backend: backend)),
            clock: clock)
        let handler = APIHandler(
            receiver: receiver, results: results, isReady: { await readiness.isReady() }, auth: auth,
            feeds: FeedStatusQuery(store: SQLFeedSourceStore(backend: backend)), remediation: remediation)
        let pages = WebPages(
            queries: OverviewQueries(
                agencies: agencies, uploads: SQLUploadStore(backend: backend),
                findings: SQLFindingStore(backend: backend),
                assessments: { try await knowledge.current().matcher.facts },
                overdue: { try await remediation.queries.overdueCount(of: $0, today: clock().dayInTaiwan) },
                remediation: SQLRemediationFigures(backend: backend),
                openRemovalTasks: { try await SQLProhibitionStore(backend: backend).openTaskCounts() }),
            coverage: CoverageServices.pageSource(backend),
            banners: PageAccess.banners(FeedStatusQuery(store: SQLFeedSourceStore(backend: backend)), clock: clock),
            clock: clock, viewer: PageAccess.viewer(gate: auth.gate, agencies: agencies))
        let builder = ApplicationBuilder(settings: settings, registry: PrometheusCollectorRegistry(), logger: logger)
        let router = try builder.router(gate: auth.gate) { router in
            try handler.registerHandlers(
                on: router, middlewares: [JSONSyntaxCheck(maxBytes: settings.maxBodyBytes), SetCookieDecoding()])
            pages.register(on: router)
            RemediationPages(
                pages: pages, queries: remediation.queries, desk: remediation.desk,
                may: PageAccess.may(gate: auth.gate),
                actor: { _ in AccessGate.current?.principal?.actor }
            ).register(on: router)
            RemovalTaskPages(
                pages: pages, store: SQLProhibitionStore(backend: backend), may: PageAccess.may(gate: auth.gate)
            ).register(on: router)
        }
        let host = settings.host
        let application = builder.application(router: router) { port in
            let base = "http://\(host):\(port ?? settings.port)"
            Console.status("vans serve: listening on \(base)  (health: \(base)/healthz, metrics: \(base)/metrics)")
            Console.status(
                "pages: \(base)/ (sign in with a passkey; `vans users invite` makes the one-time enrolment token for \(base)/enroll)"
            )
            guard let demo else { return }
            Console.status(
                """
                try: sed 's/\(DemoAgency.placeholderKey)/\(demo.secret)/' Samples/vans-v1.json | \
                curl -s -H 'Content-Type: application/json' --data-binary @- \(base)/rest/vans/InsertSystemUnitproduct
                """)
        }
        let workers = processing.worker.settings.concurrency > 0 ? [WorkerService(worker: processing.worker)] : []
        try await builder.run(application, alongside: workers)
    }

    /// The storage the flags and environment name, opened and migrated.
    static func openStorage(postgres: String?, database: String?) async throws -> OpenedStorage {
        let environment = ProcessInfo.processInfo.environment
        do {
            guard let path = sqlitePath(postgres: postgres, database: database) else {
                return .postgres(
                    try await PostgresStorage.open(url: postgres ?? environment["VANS_POSTGRES_URL"] ?? ""))
            }
            return .sqlite(try await SQLiteStorage.open(path: path))
        } catch {
            throw CommandFailure(message: "storage: \(error)")
        }
    }

    /// The SQLite file the flags and environment name; nil when PostgreSQL is named.
    static func sqlitePath(postgres: String?, database: String?) -> String? {
        let environment = ProcessInfo.processInfo.environment
        guard postgres ?? environment["VANS_POSTGRES_URL"] == nil else { return nil }
        return database ?? environment["VANS_DATABASE"] ?? "vans.sqlite"
    }

    func resolveSettings() throws -> ServerSettings {
        var layers: [ServerSettings.Layer] = []
        if let config {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: config))
            } catch {
                throw CommandFailure(message: "\(config): cannot read: \(error.localizedDescription)")
            }
            do {
                layers.append(try JSONDecoder().decode(ServerSettings.Layer.self, from: data))
            } catch {
                throw CommandFailure(message: "\(config): not a settings file: \(error)")
            }
        }
        do {
            layers.append(try ServerSettings.Layer(environment: ProcessInfo.processInfo.environment))
            layers.append(.init(host: host, port: port, logLevel: logLevel, maxBodyBytes: maxBodyBytes))
            return try ServerSettings.resolve(layers)
        } catch {
            throw CommandFailure(message: "settings: \(error)")
        }
    }
}

/// The one storage `vans serve` runs on; both openers give the same `Backend` for the stores.
enum OpenedStorage {
    case sqlite(SQLiteStorage)
    case postgres(PostgresStorage)

    var backend: Backend {
        switch self {
        case .sqlite(let storage): storage.backend
        case .postgres(let storage): storage.backend
        }
    }

    func close() async {
        switch self {
        case .sqlite(let storage): await storage.close()
        case .postgres(let storage): await storage.close()
        }
    }
}
