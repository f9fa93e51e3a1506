import VulnModel

/// What the deadline depends on: the severity band and, for known-exploited CVEs, the KEV dates.
public struct FindingRisk: Hashable, Sendable {
    public var severity: CVSSSeverity
    public var baseScore: Double?
    /// KEV `dateAdded`, when the CVE is in the catalogue.
    public var kevDateAdded: Day?
    /// KEV `dueDate` (the federal agencies' deadline), when given.
    public var kevDueDate: Day?
    public var isKEV: Bool

    public init(
        severity: CVSSSeverity, baseScore: Double? = nil, isKEV: Bool = false, kevDateAdded: Day? = nil,
        kevDueDate: Day? = nil
    ) {
        self.severity = severity
        self.baseScore = baseScore
        self.isKEV = isKEV || kevDateAdded != nil || kevDueDate != nil
        self.kevDateAdded = kevDateAdded
        self.kevDueDate = kevDueDate
    }

    /// From the risk assessment and KEV entry the matcher attached to a finding.
    public init(assessment: RiskAssessment, kev: KEVEntry?) {
        self.init(
            severity: assessment.severity, baseScore: assessment.baseScore, isKEV: kev != nil,
            kevDateAdded: kev?.dateAdded, kevDueDate: kev?.dueDate)
    }
}
