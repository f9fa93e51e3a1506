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

    /// How much a report keeps: everything a finding shows, or only what per-host counts need
    /// (`MatchReport.forEachHostSummary`): each CVE's `CVEFlags`, which decodes a fraction of its facts, and
    /// host-dependent CVEs evaluated for their statuses without evidence.
    public enum Depth: Sendable {
        case findings
        case counts
    }

    public func match(
        _ entries: [InventoryEntry], parallelism: Int = 2, depth: Depth = .findings
    ) async -> Result<MatchReport, MatchInputError> {
        var phases = PhaseClock()
        let result: MatchResult
        let matcher = Matcher(index: index)
        switch await matcher.match(entries, parallelism: parallelism, evidence: depth == .findings, phases: &phases) {
        case .success(let value): result = value
        case .failure(let error): return .failure(error)
        }
        // Assessing a CVE decodes its facts and scores its vectors: spread over the tasks like the matching, each
        // task filling a dictionary of its own.
        let cves = result.cves
        let facts = self.facts
        let policy = self.policy
        func spread<Value: Sendable>(_ assess: @escaping @Sendable (CVEID) -> Value) async -> [[CVEID: Value]] {
            await withTaskGroup(of: [CVEID: Value].self) { group in
                for range in Matcher.split(cves.count, into: max(1, parallelism)) {
                    group.addTask { Dictionary(uniqueKeysWithValues: cves[range].lazy.map { ($0, assess($0)) }) }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
        switch depth {
        case .findings:
            let parts = await spread { facts.assessment(of: $0, policy: policy) }
            phases.end("assess CVEs")
            return .success(
                MatchReport(
                    result: result, assessments: CVEAssessments(parts: parts), flags: nil, phases: phases.phases)
            )
        case .counts:
            let flags = await spread { facts.flags(of: $0, policy: policy) }
            phases.end("assess CVEs (high-risk and KEV only)")
            return .success(
                MatchReport(result: result, assessments: CVEAssessments(parts: []), flags: flags, phases: phases.phases)
            )
        }
    }
}

/// Each CVE's assessment, looked up in the part of the task that assessed it. The parts are not merged into one
/// dictionary: moving 89,326 assessments of a dozen references each took a tenth of a second on one core.
public struct CVEAssessments: Sendable {
    let parts: [[CVEID: CVEAssessment]]

    public var count: Int { parts.reduce(0) { $0 + $1.count } }

    public subscript(cve: CVEID) -> CVEAssessment? {
        for part in parts {
            if let found = part[cve] { return found }
        }
        return nil
    }
}

/// Findings with the assessment of their CVEs.
public struct MatchReport: Sendable {
    public let result: MatchResult
    /// Empty when the report was made for counts only (`InventoryMatcher.Depth.counts`).
    public let assessments: CVEAssessments
    /// Each task's part of the flags of a report made for counts only; nil for a report of findings.
    let flags: [[CVEID: CVEFlags]]?
    /// How long each phase took, for operators (`vans match --timings`).
    public let phases: [(name: String, duration: Duration)]

    /// The number of distinct CVEs found.
    public var cveCount: Int { flags?.reduce(0) { $0 + $1.count } ?? assessments.count }

    /// Per host: findings, affected, indeterminate, high-risk and known-exploited counts. Counted per distinct
    /// item and shared outcome, then summed per host: no finding is materialised.
    public func forEachHostSummary(_ body: (HostID, HostSummary) throws -> Void) rethrows {
        // The two facts a tally needs, read once per CVE rather than copying an assessment per outcome.
        var flags: [CVEID: CVEFlags] = [:]
        for part in self.flags ?? [] { flags.merge(part) { first, _ in first } }
        for part in assessments.parts {
            for (cve, assessment) in part { flags[cve] = CVEFlags(assessment) }
        }
        try result.forEachHostTally(
            { cve, status in
                let flag = flags[cve] ?? CVEFlags(highRisk: false, knownExploited: false)
                return SIMD8(
                    1, status == .affected ? 1 : 0, status == .affected ? 0 : 1, flag.highRisk ? 1 : 0,
                    flag.knownExploited ? 1 : 0, 0, 0, 0
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
        precondition(flags == nil, "a report made for counts only has no assessments to list findings with")
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
