/// What an agency needs to act on a CVE, computed once per CVE and shared by all its findings: the risk
/// under the policy, KEV and EPSS facts, and the links to fixes (patch and vendor advisory first).
public struct CVEAssessment: Sendable {
    public var cve: CVEID
    public var risk: RiskAssessment?
    public var kev: KEVEntry?
    public var epss: EPSSScore?
    public var references: [Reference]
    public var summary: String

    /// Assesses a CVE from its facts under `policy`; with no remediation reference the NVD page stands in (R17).
    public init(
        cve: CVEID,
        metrics: [CVSSMetric],
        kev: KEVEntry?,
        epss: EPSSScore?,
        prioritizedReferences: [Reference]?,
        summary: String,
        policy: RiskPolicy
    ) {
        self.cve = cve
        risk = policy.assess(metrics)
        self.kev = kev
        self.epss = epss
        references = prioritizedReferences ?? [Reference.nvdPage(for: cve)]
        self.summary = summary
    }

    /// Known exploited and high-risk first (R16), then by score.
    public var priority: (Int, Double) {
        ((kev != nil ? 2 : 0) + (risk?.highRisk == true ? 1 : 0), risk?.baseScore ?? 0)
    }
}

extension KnowledgeBase {
    public func assessment(of cve: CVEID, policy: RiskPolicy) -> CVEAssessment {
        let record = records[cve]
        return CVEAssessment(
            cve: cve,
            metrics: record?.metrics ?? [],
            kev: kevEntry(for: cve),
            epss: epss[cve],
            prioritizedReferences: (record?.references ?? []).prioritized(for: cve),
            summary: record?.summary ?? "",
            policy: policy
        )
    }
}
