import Governance
import JSON
import Logging
import VulnModel

/// Handles `rematch` jobs, which the feeds side queues when a feed change touches some products: each agency's
/// latest snapshot rows of those products are matched again against the current knowledge base and the findings
/// recorded against that snapshot's upload (so first and last seen keep their months).
public struct RematchProcessor: JobHandler {
    public let uploads: any UploadStore
    public let findings: any FindingStore
    public let knowledge: any KnowledgeBaseProvider
    public let observer: (any FindingsRecordedObserver)?
    public let parallelism: Int
    public let clock: @Sendable () -> Timestamp
    public let logger: Logger

    public init(
        uploads: any UploadStore, findings: any FindingStore, knowledge: any KnowledgeBaseProvider,
        observer: (any FindingsRecordedObserver)? = nil, parallelism: Int = 2,
        clock: @escaping @Sendable () -> Timestamp, logger: Logger
    ) {
        self.uploads = uploads
        self.findings = findings
        self.knowledge = knowledge
        self.observer = observer
        self.parallelism = max(1, parallelism)
        self.clock = clock
        self.logger = logger
    }

    /// The job the feeds side queues: payload `{"products":["vendor:product", …]}` (`vendor:product` as in CPE 2.3
    /// names), sorted so that the same change makes the same payload.
    public static func job(products: [String]) -> NewJob {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("products")
        writer.beginArray()
        for product in Set(products).sorted() { writer.string(product) }
        writer.endArray()
        writer.endObject()
        return NewJob(kind: .rematch, payload: String(decoding: writer.take(), as: UTF8.self))
    }

    static func products(in payload: String) throws(JobFailure) -> Set<String> {
        let tree: JSONTree
        do {
            tree = try JSONTree.parse(Array(payload.utf8))
        } catch {
            throw .permanent("the rematch payload is not JSON (\(error)): \(payload)")
        }
        guard case .array(let elements)? = tree["products"], elements.allSatisfy({ $0.string != nil }) else {
            throw .permanent("the rematch payload is not {\"products\": [\"vendor:product\", …]}: \(payload)")
        }
        return Set(elements.compactMap(\.string))
    }

    public func run(_ lease: JobLease) async throws {
        let products = try Self.products(in: lease.job.payload)
        guard !products.isEmpty else { return }
        let knowledgeBase = try await knowledge.current()
        let matcher = SnapshotMatcher(uploads: uploads, parallelism: parallelism)
        var total = 0
        for snapshot in try await uploads.latestSnapshots() {
            let matched = try await matcher.match(snapshot, with: knowledgeBase.matcher, products: products)
            guard !matched.observations.isEmpty else { continue }
            try await findings.record(matched.observations, agency: snapshot.agency, upload: snapshot.upload)
            total += matched.observations.count
            // A re-match covers only some products, so it proves nothing about other findings of these hosts.
            try await observer?.findingsRecorded(
                agency: snapshot.agency, upload: snapshot.upload, month: snapshot.month,
                observations: matched.observations, hosts: [], now: clock())
        }
        logger.info("re-matched \(products.count) products: \(total) findings recorded")
    }

    public func abandoned(_ job: Job, reason: String, now: Timestamp) async throws {}
}
