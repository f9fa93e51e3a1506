import Remediation
import VulnModel

/// What a deadline needs to know about a CVE (severity band, KEV dates), looked up when a record is created.
public protocol RiskFacts: Sendable {
    func risk(of cve: CVEID) async throws -> FindingRisk?
}

/// Risk facts from the knowledge base in memory or a snapshot: the same assessment matching used.
public struct AssessedRiskFacts: RiskFacts {
    public var source: any AssessmentSource
    public var policy: RiskPolicy

    public init(source: any AssessmentSource, policy: RiskPolicy = RiskPolicy()) {
        self.source = source
        self.policy = policy
    }

    public func risk(of cve: CVEID) -> FindingRisk? {
        let assessment = source.assessment(of: cve, policy: policy)
        guard let risk = assessment.risk else {
            return assessment.kev.map {
                FindingRisk(severity: .high, isKEV: true, kevDateAdded: $0.dateAdded, kevDueDate: $0.dueDate)
            }
        }
        return FindingRisk(assessment: risk, kev: assessment.kev)
    }
}

/// Risk facts from the knowledge base the service holds now: the one matching used, also after a feed change
/// replaced it.
public struct CurrentRiskFacts: RiskFacts {
    public let knowledge: any KnowledgeBaseProvider

    public init(knowledge: any KnowledgeBaseProvider) { self.knowledge = knowledge }

    public func risk(of cve: CVEID) async throws -> FindingRisk? {
        let current = try await knowledge.current()
        return try await AssessedRiskFacts(source: current.matcher.facts, policy: current.matcher.policy).risk(of: cve)
    }
}
