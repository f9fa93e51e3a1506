/// Everything one feed document yielded: records of one source, KEV and EPSS facts, and the diagnostics
/// for what could not be read. Decoders produce batches; the knowledge base merges them in any order.
public struct FeedBatch: Sendable {
    public var document: String
    public var kind: FeedKind
    public var records: [CVERecord]
    public var kev: [KEVEntry]
    public var epss: [EPSSScore]
    public var diagnostics: [Diagnostic]
    /// The document's own version stamp where it has one (NVD `timestamp`, KEV `catalogVersion`).
    public var version: String?

    public init(
        document: String,
        kind: FeedKind,
        records: [CVERecord] = [],
        kev: [KEVEntry] = [],
        epss: [EPSSScore] = [],
        diagnostics: [Diagnostic] = [],
        version: String? = nil
    ) {
        self.document = document
        self.kind = kind
        self.records = records
        self.kev = kev
        self.epss = epss
        self.diagnostics = diagnostics
        self.version = version
    }
}

/// What was loaded from one document, for `vans feeds stats` and source freshness.
public struct DocumentSummary: Hashable, Sendable {
    public var document: String
    public var kind: FeedKind
    public var records: Int
    public var kevEntries: Int
    public var epssScores: Int
    public var diagnostics: Int
    public var version: String?

    public init(
        document: String,
        kind: FeedKind,
        records: Int,
        kevEntries: Int,
        epssScores: Int,
        diagnostics: Int,
        version: String?
    ) {
        self.document = document
        self.kind = kind
        self.records = records
        self.kevEntries = kevEntries
        self.epssScores = epssScores
        self.diagnostics = diagnostics
        self.version = version
    }
}
