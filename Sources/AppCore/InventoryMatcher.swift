import Matching
import VulnModel

/// Matches an inventory against the knowledge base and assesses each CVE found once.
public struct InventoryMatcher: Sendable {
    public let facts: any AssessmentSource
    public let index: MatchIndex
    public let policy: RiskPolicy

    public init(facts: any AssessmentSource, index: MatchIndex, policy: RiskPolicy) {
        self.facts = facts
        self.index = index
        self.policy = policy
    }

    public func match(_ entries: [InventoryEntry]) -> Result<MatchReport, MatchInputError> {
        Matcher(index: index).match(entries).map { result in
            let assessments = Dictionary(
                uniqueKeysWithValues: result.cves.map { ($0, facts.assessment(of: $0, policy: policy)) }
            )
            return MatchReport(result: result, assessments: assessments)
        }
    }
}

/// Findings with the assessment of their CVEs.
public struct MatchReport: Sendable {
    public let result: MatchResult
    public let assessments: [CVEID: CVEAssessment]

    public func forEachFinding(_ body: (Finding, CVEAssessment) throws -> Void) rethrows {
        try result.forEachFinding { finding in
            guard let assessment = assessments[finding.cve] else { return }
            try body(finding, assessment)
        }
    }
}
