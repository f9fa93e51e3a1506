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
