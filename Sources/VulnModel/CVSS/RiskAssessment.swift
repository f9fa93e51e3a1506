/// The outcome of `RiskPolicy.assess(_:)` for one CVE: which CVSS metric was used, its base score and whether that
/// makes the vulnerability high-risk. Stored with the finding, so that the version used is on record (R15).
public struct RiskAssessment: Hashable, Sendable {
    /// Where `baseScore` came from.
    public enum ScoreSource: Hashable, Sendable {
        /// Computed from the vector by its specification's equations.
        case computed
        /// The vector did not parse, so the score the source published is used as it stands; the error says why.
        case published(CVSSParseError)
    }

    /// The version of the metric used: the vector's own when it parses, else the one the source declared.
    public var version: CVSSVersion
    public var vector: String
    public var baseScore: Double
    public var severity: CVSSSeverity
    public var highRisk: Bool
    /// The threshold `highRisk` was decided against.
    public var threshold: Double
    public var scoreSource: ScoreSource
    /// The score the source wrote next to the vector, kept so a disagreement with `baseScore` can be shown.
    public var publishedScore: Double?
    public var scorer: String?
    public var role: CVSSMetric.Role
    public var provenance: Provenance

    public init(
        version: CVSSVersion,
        vector: String,
        baseScore: Double,
        severity: CVSSSeverity,
        highRisk: Bool,
        threshold: Double,
        scoreSource: ScoreSource,
        publishedScore: Double?,
        scorer: String?,
        role: CVSSMetric.Role,
        provenance: Provenance
    ) {
        self.version = version
        self.vector = vector
        self.baseScore = baseScore
        self.severity = severity
        self.highRisk = highRisk
        self.threshold = threshold
        self.scoreSource = scoreSource
        self.publishedScore = publishedScore
        self.scorer = scorer
        self.role = role
        self.provenance = provenance
    }
}
