/// NVD's analysis status, or the CVE JSON 5 record state.
public enum VulnStatus: Hashable, Sendable {
    case received, awaitingAnalysis, undergoingAnalysis, analyzed, modified, deferred, rejected, published
    case other(String)

    public init(_ text: String) {
        switch text.lowercased() {
        case "received": self = .received
        case "awaiting analysis": self = .awaitingAnalysis
        case "undergoing analysis": self = .undergoingAnalysis
        case "analyzed": self = .analyzed
        case "modified": self = .modified
        case "deferred": self = .deferred
        case "rejected", "reject": self = .rejected
        case "published": self = .published
        default: self = .other(text)
        }
    }

    public var text: String {
        switch self {
        case .received: "Received"
        case .awaitingAnalysis: "Awaiting Analysis"
        case .undergoingAnalysis: "Undergoing Analysis"
        case .analyzed: "Analyzed"
        case .modified: "Modified"
        case .deferred: "Deferred"
        case .rejected: "Rejected"
        case .published: "Published"
        case .other(let text): text
        }
    }
}

/// One source's record of a CVE, in one model whatever the feed format. The knowledge base merges the
/// records of several sources; every fact keeps the provenance of the record it came from.
public struct CVERecord: Hashable, Sendable {
    public var id: CVEID
    public var published: Timestamp?
    public var lastModified: Timestamp?
    public var status: VulnStatus
    /// English description (the first `en` one).
    public var summary: String
    public var metrics: [CVSSMetric]
    public var configurations: [Configuration]
    public var references: [Reference]
    /// CWE identifiers (`CWE-79`), as the source lists them.
    public var weaknesses: [String]
    /// KEV facts embedded in the record (NVD `cisa*` fields, CISA ADP `kev`).
    public var kev: KEVEntry? {
        get {
            guard case .entry(let entry) = kevStorage else { return nil }
            return entry
        }
        set { kevStorage = newValue.map(KEVStorage.entry) }
    }
    /// Boxed because a `KEVEntry` inline would be half of every record's size, and records are stored by
    /// value in dictionaries of a quarter of a million CVEs, where fewer than 1 % carry KEV facts.
    private var kevStorage: KEVStorage?
    public var provenance: Provenance
    /// Where `configurations` came from when not from `provenance` (an override, CVE 5 affected data).
    public var configurationProvenance: Provenance?

    public init(
        id: CVEID,
        published: Timestamp? = nil,
        lastModified: Timestamp? = nil,
        status: VulnStatus = .published,
        summary: String = "",
        metrics: [CVSSMetric] = [],
        configurations: [Configuration] = [],
        references: [Reference] = [],
        weaknesses: [String] = [],
        kev: KEVEntry? = nil,
        provenance: Provenance,
        configurationProvenance: Provenance? = nil
    ) {
        self.id = id
        self.published = published
        self.lastModified = lastModified
        self.status = status
        self.summary = summary
        self.metrics = metrics
        self.configurations = configurations
        self.references = references
        self.weaknesses = weaknesses
        self.kevStorage = kev.map(KEVStorage.entry)
        self.provenance = provenance
        self.configurationProvenance = configurationProvenance
    }

    private indirect enum KEVStorage: Hashable, Sendable {
        case entry(KEVEntry)
    }

    /// The source of the configurations as used for matching.
    public var effectiveConfigurationProvenance: Provenance { configurationProvenance ?? provenance }
}
