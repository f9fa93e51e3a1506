/// What an agency needs to act on a CVE, computed once per CVE and shared by all its findings: the risk
/// under the policy, KEV and EPSS facts, and the links to fixes (patch and vendor advisory first).
public struct CVEAssessment: Sendable {
    public var cve: CVEID
    public var risk: RiskAssessment?
    public var kev: KEVEntry?
    public var epss: EPSSScore?
    public var references: [Reference]
    public var summary: String

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
            risk: record.flatMap { policy.assess($0.metrics) },
            kev: kevEntry(for: cve),
            epss: epss[cve],
            references: (record?.references ?? []).prioritized(for: cve),
            summary: record?.summary ?? ""
        )
    }
}
