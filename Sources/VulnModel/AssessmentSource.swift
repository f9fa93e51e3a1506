/// Where the facts for assessing a CVE come from: the knowledge base in memory, or a snapshot read lazily.
public protocol AssessmentSource: Sendable {
    func assessment(of cve: CVEID, policy: RiskPolicy) -> CVEAssessment
}

extension KnowledgeBase: AssessmentSource {}
