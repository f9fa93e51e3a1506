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

    public func match(_ entries: [InventoryEntry], parallelism: Int = 2) async -> Result<MatchReport, MatchInputError> {
        await Matcher(index: index).match(entries, parallelism: parallelism).map { result in
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

    /// Per host: findings, affected, indeterminate, high-risk and known-exploited counts.
    public func forEachHostSummary(_ body: (HostID, HostSummary) throws -> Void) rethrows {
        try result.forEachHostSummary { host, findings in
            var summary = HostSummary()
            for finding in findings {
                summary.findings += 1
                if finding.status == .affected { summary.affected += 1 } else { summary.indeterminate += 1 }
                if assessments[finding.cve]?.risk?.highRisk == true { summary.highRisk += 1 }
                if assessments[finding.cve]?.kev != nil { summary.knownExploited += 1 }
            }
            try body(host, summary)
        }
    }

    public func forEachFinding(_ body: (Finding, CVEAssessment) throws -> Void) rethrows {
        try result.forEachFinding { finding in
            guard let assessment = assessments[finding.cve] else { return }
            try body(finding, assessment)
        }
    }
}

/// A host's findings counted.
public struct HostSummary: Hashable, Sendable {
    public var findings = 0
    public var affected = 0
    public var indeterminate = 0
    public var highRisk = 0
    public var knownExploited = 0

    public init() {}
}
