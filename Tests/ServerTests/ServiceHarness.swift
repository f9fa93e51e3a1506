import AppCore
import Foundation
import Governance
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPIHummingbird
import Prometheus
import Server
import Signatures
import Storage
import StorageSQLite
import TestSupport
import Testing
import VulnModel
import WebAuthn

/// The service as `vans serve` assembles it, on a temporary SQLite file through the real storage, with the demo
/// agency seeded and its key issued.
struct ServiceHarness {
    /// Stands for the issued key in bodies written by the tests.
    static let keyPlaceholder = "test-key"
    /// 2026-10-31T16:30:00Z, already 2026-11-01 in Taiwan: uploads without a month are November's.
    static let now = Timestamp(millisecondsSinceEpoch: 1_793_464_200_000)

    let registry = PrometheusCollectorRegistry()
    let backend: Backend
    /// The demo agency's key.
    let key: String
    let keys: any APIKeyStore

    /// Runs `body` with a fresh database, then closes and removes it; `keys` replaces the key store.
    static func with(keys: (any APIKeyStore)? = nil, _ body: (ServiceHarness) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try await SQLiteStorage.open(path: folder.appendingPathComponent("vans.sqlite").path)
        do {
            let stored = SQLAPIKeyStore(backend: storage.backend)
            let issued = try await DemoAgency.seed(
                agencies: SQLAgencyStore(backend: storage.backend), keys: stored, now: now)
            let harness = ServiceHarness(
                backend: storage.backend, key: try #require(issued).secret, keys: keys ?? stored)
            try await body(harness)
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    }

    func application(knowledge: any KnowledgeBaseProvider = SampleKnowledge()) throws -> some ApplicationProtocol {
        var logger = Logger(label: "vans.test")
        logger.logLevel = .warning
        let settings = try ServerSettings.resolve([.init(port: 0)])
        let builder = ApplicationBuilder(settings: settings, registry: registry, logger: logger)
        let receiver = UploadReceiver(
            keys: keys, uploads: SQLUploadStore(backend: backend), agencies: SQLAgencyStore(backend: backend),
            maxBytes: 1 << 20, clock: { Self.now })
        let results = ResultsReader(
            receiver: receiver, findings: SQLFindingStore(backend: backend), knowledge: knowledge)
        let readiness = Readiness(storage: SQLStorageProbe(backend: backend), knowledge: knowledge)
        let remediation = RemediationServices(
            queries: RemediationQueries(
                store: SQLRemediationStore(backend: backend),
                assessments: { try await knowledge.current().matcher }),
            desk: RemediationDesk(store: SQLRemediationStore(backend: backend), audit: SQLAuditLog(backend: backend)),
            clock: { Self.now })
        let handler = APIHandler(
            receiver: receiver, results: results, isReady: { await readiness.isReady() }, auth: auth,
            feeds: FeedStatusQuery(store: SQLFeedSourceStore(backend: backend)), remediation: remediation)
        let router = try builder.router(gate: auth.gate) { router in
            try handler.registerHandlers(
                on: router, middlewares: [JSONSyntaxCheck(maxBytes: 1 << 20), SetCookieDecoding()])
        }
        return builder.application(router: router)
    }

    static let relyingPartyID = "localhost"
    static let origin = "http://localhost:8080"

    /// Passkey sign-in on the same database (ADR 0014), as `vans serve` wires it.
    var auth: AuthServices {
        let identities = SQLIdentityStore(backend: backend)
        let audit = SQLAuditLog(backend: backend)
        let party = RelyingParty(id: Self.relyingPartyID, origins: [Self.origin], crypto: SwiftCryptoWebAuthn())
        return AuthServices(
            enroller: Enroller(identities: identities, audit: audit, party: party, clock: { Self.now }),
            issuer: SessionIssuer(identities: identities, audit: audit, party: party, clock: { Self.now }),
            gate: AccessGate(
                identities: identities, agencies: SQLAgencyStore(backend: backend),
                log: SQLAuthorizationLog(backend: backend), clock: { Self.now }))
    }

    /// The job worker on the same database, with the sample knowledge base; `observer` hears of findings.
    func worker(observer: (any FindingsRecordedObserver)? = nil) -> JobWorker {
        var logger = Logger(label: "vans.test.worker")
        logger.logLevel = .warning
        let uploads = SQLUploadStore(backend: backend)
        let jobs = SQLJobQueue(backend: backend)
        let findings = SQLFindingStore(backend: backend)
        let knowledge = SampleKnowledge()
        let handlers: [Job.Kind: any JobHandler] = [
            .processUpload: UploadProcessor(
                uploads: uploads, jobs: jobs, findings: findings, knowledge: knowledge, observer: observer,
                clock: { Self.now }, logger: logger),
            .rematch: RematchProcessor(
                uploads: uploads, findings: findings, knowledge: knowledge, observer: observer, clock: { Self.now },
                logger: logger),
        ]
        return JobWorker(
            jobs: jobs, handlers: handlers, settings: WorkerSettings(), clock: { Self.now }, logger: logger)
    }

    /// `text` with the issued key in place of the tests' placeholder.
    func keyed(_ text: String) -> String { text.replacingOccurrences(of: Self.keyPlaceholder, with: key) }

    /// The bundled sample with the issued key in place of the demo placeholder.
    func sample(_ name: String) throws -> String {
        let url = SharedData.packageRoot.appendingPathComponent("Samples/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.replacingOccurrences(of: DemoAgency.placeholderKey, with: key)
    }

    var keyHeader: HTTPFields { [HTTPField.Name("X-API-Key")!: key] }

    static let json: HTTPFields = [.contentType: "application/json"]
}

/// A key store whose every call fails as a broken database would.
struct BrokenKeys: APIKeyStore {
    static let failure = StoreError(.unavailable, "the database is gone")

    func issue(agency: Agency.ID, label: String, validFor: Duration, now: Timestamp) async throws(StoreError)
        -> IssuedAPIKey
    { throw Self.failure }
    func authenticate(secret: String, now: Timestamp) async throws(StoreError) -> APIKey { throw Self.failure }
    func rotate(_ id: APIKey.ID, agency: Agency.ID, validFor: Duration, overlap: Duration, now: Timestamp)
        async throws(StoreError) -> IssuedAPIKey
    { throw Self.failure }
    func revoke(_ id: APIKey.ID, agency: Agency.ID, now: Timestamp) async throws(StoreError) { throw Self.failure }
    func keys(agency: Agency.ID) async throws(StoreError) -> [APIKey] { throw Self.failure }
}

extension ByteBuffer {
    /// The body as a JSON object.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(readableBytesView))) as? [String: Any] ?? [:]
    }
}
