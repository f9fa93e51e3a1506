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
        var phases = PhaseClock()
        let result: MatchResult
        switch await Matcher(index: index).match(entries, parallelism: parallelism, phases: &phases) {
        case .success(let value): result = value
        case .failure(let error): return .failure(error)
        }
        // Assessing a CVE decodes its facts and scores its vectors: spread over the tasks like the matching.
        let cves = result.cves
        let facts = self.facts
        let policy = self.policy
        let assessed = await withTaskGroup(of: [CVEAssessment].self) { group in
            for range in Matcher.split(cves.count, into: max(1, parallelism)) {
                group.addTask { cves[range].map { facts.assessment(of: $0, policy: policy) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        // Moved, not copied, into the dictionary: an assessment holds a dozen references.
        var assessments: [CVEID: CVEAssessment] = Dictionary(minimumCapacity: cves.count)
        for var part in assessed {
            while let assessment = part.popLast() { assessments[assessment.cve] = assessment }
        }
        phases.end("assess CVEs")
        return .success(MatchReport(result: result, assessments: assessments, phases: phases.phases))
    }
}

/// Findings with the assessment of their CVEs.
public struct MatchReport: Sendable {
    public let result: MatchResult
    public let assessments: [CVEID: CVEAssessment]
    /// How long each phase took, for operators (`vans match --timings`).
    public let phases: [(name: String, duration: Duration)]

    /// Per host: findings, affected, indeterminate, high-risk and known-exploited counts. Counted per distinct
    /// item and shared outcome, then summed per host: no finding is materialised.
    public func forEachHostSummary(_ body: (HostID, HostSummary) throws -> Void) rethrows {
        try result.forEachHostTally(
            { cve, status in
                let assessment = assessments[cve]
                return SIMD8(
                    1, status == .affected ? 1 : 0, status == .affected ? 0 : 1,
                    assessment?.risk?.highRisk == true ? 1 : 0, assessment?.kev != nil ? 1 : 0, 0, 0, 0
                )
            },
            { host, lanes in
                var summary = HostSummary()
                summary.findings = Int(lanes[0])
                summary.affected = Int(lanes[1])
                summary.indeterminate = Int(lanes[2])
                summary.highRisk = Int(lanes[3])
                summary.knownExploited = Int(lanes[4])
                try body(host, summary)
            }
        )
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

/// The knowledge base in use as the desk sees it: the facts for each CVE, and the fixed versions from the index
/// (which a snapshot's facts do not keep).
extension InventoryMatcher: AssessmentSource, FixedVersionSource {
    public func assessment(of cve: CVEID, policy: RiskPolicy) -> CVEAssessment {
        facts.assessment(of: cve, policy: policy)
    }

    public func fixedVersions(of cve: CVEID, vendor: String, product: String) -> [String] {
        index.fixedVersions(of: cve, vendor: vendor, product: product)
    }
}
