import VulnModel

/// A knowledge-base update that could not be made; `message` names the file, URL or step.
public struct FeedUpdateError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// What one source holds after an update.
public struct FeedSourceSummary: Hashable, Sendable {
    public var records: Int
    public var documents: Int
    public var digest: String
    /// NVD: the newest `lastModified` of its records.
    public var syncedThrough: Timestamp?

    public init(records: Int, documents: Int, digest: String, syncedThrough: Timestamp? = nil) {
        self.records = records
        self.documents = documents
        self.digest = digest
        self.syncedThrough = syncedThrough
    }
}

/// What an update changed: the sources it reloaded and the products whose findings it can alter.
public struct KnowledgeBaseChange: Hashable, Sendable {
    public var sources: [FeedSource: FeedSourceSummary]
    /// `vendor:product`, sorted.
    public var touchedProducts: [String]
    /// CVEs in the rebuilt base; 0 when nothing was pending and nothing rebuilt.
    public var cves: Int
    public var diagnostics: Int

    public init(sources: [FeedSource: FeedSourceSummary], touchedProducts: [String], cves: Int, diagnostics: Int) {
        self.sources = sources
        self.touchedProducts = touchedProducts
        self.cves = cves
        self.diagnostics = diagnostics
    }
}

/// The feed documents the service's knowledge-base file is built from, and that file. New documents are pending
/// until `commit` merges them (newest record per CVE wins, ADR 0003) and replaces the file in one rename.
public protocol FeedDocumentRepository: Sendable {
    /// Adds the feed files at or under `paths` as pending documents and returns their sources; refuses a file
    /// that is not a recognised feed.
    func addFiles(_ paths: [String]) async throws(FeedUpdateError) -> Set<FeedSource>

    /// Adds one downloaded document as pending under `name` (a later document with the same name replaces it);
    /// refuses a document that is not of `source`.
    func addDocument(_ bytes: [UInt8], name: String, source: FeedSource) async throws(FeedUpdateError)

    /// The sources with pending documents (left by an interrupted sync, say).
    func pendingSources() async throws(FeedUpdateError) -> Set<FeedSource>

    /// Merges the pending documents into the knowledge base, replaces its file, and says what changed.
    func commit() async throws(FeedUpdateError) -> KnowledgeBaseChange
}
