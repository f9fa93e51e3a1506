/// The CVSS specification versions found in NVD and CVE JSON 5.
public enum CVSSVersion: String, Hashable, Sendable, CaseIterable {
    case v2 = "2.0"
    case v30 = "3.0"
    case v31 = "3.1"
    case v40 = "4.0"
}

/// Qualitative severity (CVSS v3.x/v4.0 table; v2 has only low/medium/high, NVD's convention).
public enum CVSSSeverity: String, Hashable, Sendable, Comparable {
    case none = "NONE"
    case low = "LOW"
    case medium = "MEDIUM"
    case high = "HIGH"
    case critical = "CRITICAL"

    public init(score: Double, version: CVSSVersion) {
        switch (score, version) {
        case (..<4.0, .v2): self = .low
        case (..<7.0, .v2): self = .medium
        case (_, .v2): self = .high
        case (..<0.1, _): self = .none
        case (..<4.0, _): self = .low
        case (..<7.0, _): self = .medium
        case (..<9.0, _): self = .high
        default: self = .critical
        }
    }

    private var rank: Int {
        switch self {
        case .none: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: CVSSSeverity, rhs: CVSSSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// A CVSS metric as a source published it: the vector, the score the source wrote, who scored it.
public struct CVSSMetric: Hashable, Sendable {
    public enum Role: String, Hashable, Sendable {
        case primary = "Primary"
        case secondary = "Secondary"
    }

    public var version: CVSSVersion
    public var vector: String
    public var publishedScore: Double?
    /// The scoring organisation as the source names it (`nvd@nist.gov`, `CISA-ADP`, a CNA).
    public var scorer: String?
    public var role: Role
    public var provenance: Provenance

    public init(
        version: CVSSVersion,
        vector: String,
        publishedScore: Double?,
        scorer: String?,
        role: Role,
        provenance: Provenance
    ) {
        self.version = version
        self.vector = vector
        self.publishedScore = publishedScore
        self.scorer = scorer
        self.role = role
        self.provenance = provenance
    }
}
