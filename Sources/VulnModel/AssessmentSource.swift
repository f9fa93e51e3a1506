/// Where the facts for assessing a CVE come from: the knowledge base in memory, or a snapshot read lazily.
public protocol AssessmentSource: Sendable {
    func assessment(of cve: CVEID, policy: RiskPolicy) -> CVEAssessment
    /// What a count of findings needs of a CVE, without its references, summary or EPSS.
    func flags(of cve: CVEID, policy: RiskPolicy) -> CVEFlags
}

extension AssessmentSource {
    public func flags(of cve: CVEID, policy: RiskPolicy) -> CVEFlags {
        CVEFlags(assessment(of: cve, policy: policy))
    }
}

/// Whether a CVE is high-risk under the policy and known exploited: all a per-host summary counts.
public struct CVEFlags: Hashable, Sendable {
    public var highRisk: Bool
    public var knownExploited: Bool

    public init(highRisk: Bool, knownExploited: Bool) {
        self.highRisk = highRisk
        self.knownExploited = knownExploited
    }

    public init(_ assessment: CVEAssessment) {
        self.init(highRisk: assessment.risk?.highRisk == true, knownExploited: assessment.kev != nil)
    }
}

extension KnowledgeBase: AssessmentSource {}
