import VulnModel

/// What is known of one source: when it last loaded successfully, what it held then, and how the last attempt
/// ended. `cursor` is the resumable position of an incremental sync (NVD), nil when no sync is under way.
public struct FeedSourceState: Hashable, Sendable {
    public var source: FeedSource
    public var lastSuccess: Timestamp?
    public var lastAttempt: Timestamp?
    /// Why the last attempt failed; nil when it succeeded.
    public var lastError: String?
    /// Records (NVD, overrides, CVE 5), catalogue entries (KEV) or scores (EPSS) the source holds.
    public var records: Int
    /// Documents (files, pages) the source holds.
    public var documents: Int
    /// SHA-256 over the source's documents, to tell whether a reload changed anything.
    public var digest: String?
    /// The newest modification the data is known to include (NVD `lastModified`): where the next sync starts.
    public var syncedThrough: Timestamp?
    public var cursor: String?

    public init(
        source: FeedSource, lastSuccess: Timestamp? = nil, lastAttempt: Timestamp? = nil, lastError: String? = nil,
        records: Int = 0, documents: Int = 0, digest: String? = nil, syncedThrough: Timestamp? = nil,
        cursor: String? = nil
    ) {
        self.source = source
        self.lastSuccess = lastSuccess
        self.lastAttempt = lastAttempt
        self.lastError = lastError
        self.records = records
        self.documents = documents
        self.digest = digest
        self.syncedThrough = syncedThrough
        self.cursor = cursor
    }
}

/// Where source states are kept.
public protocol FeedSourceStore: Sendable {
    /// Every source with a recorded state, in `FeedSource` order.
    func states() async throws(StoreError) -> [FeedSourceState]

    /// Inserts or replaces the state of `state.source`.
    func save(_ state: FeedSourceState) async throws(StoreError)
}

extension FeedSourceStore {
    /// The state of one source, or an empty one when none was recorded.
    public func state(of source: FeedSource) async throws(StoreError) -> FeedSourceState {
        try await states().first { $0.source == source } ?? FeedSourceState(source: source)
    }
}
