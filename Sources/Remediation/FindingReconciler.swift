import VulnModel

/// A finding of one upload, with what the deadline and the high-risk rule need.
public struct ObservedFinding: Hashable, Sendable {
    public var key: FindingKey
    public var risk: FindingRisk
    /// CVSS base score ≥ the threshold (R15); only these require a remediation record (R19).
    public var highRisk: Bool

    public init(key: FindingKey, risk: FindingRisk, highRisk: Bool) {
        self.key = key
        self.risk = risk
        self.highRisk = highRisk
    }
}

/// Brings one host's records up to date with a new upload of that host: existing records are verified against it
/// (R21), every new high-risk finding gets a record (R19), and standing decisions are applied to the findings they
/// cover, including reopened ones. Pass the host's records only: the work is linear in the records given.
/// A record whose item is still present but whose CVE the new matching no longer reports (the feed changed) is
/// left as it is: only the item's absence proves a fix.
public struct FindingReconciler: Sendable {
    public var decisions: DecisionBook

    public init(decisions: DecisionBook = DecisionBook()) { self.decisions = decisions }

    public func reconcile(
        _ records: inout [RemediationRecord], upload: HostUpload, findings: [ObservedFinding]
    ) -> ReconciliationSummary {
        var summary = ReconciliationSummary()
        for outcome in UploadVerifier().verify(&records, against: upload) {
            if outcome.reappeared { summary.reopened.append(outcome.key) }
            if outcome.to == .remediated && outcome.verified { summary.verified.append(outcome.key) }
        }
        var known = Dictionary(records.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        for finding in findings where finding.highRisk && finding.key.hostRef == upload.host {
            if known[finding.key] == nil {
                records.append(RemediationRecord(key: finding.key, risk: finding.risk, firstSeen: upload.day))
                known[finding.key] = records.count - 1
                summary.created.append(finding.key)
            }
            guard let index = known[finding.key], !records[index].state.isClosed,
                let decision = decisions.decision(for: finding.key, on: upload.day)
            else { continue }
            // The decision covers the key on this day, and the record is open or planned: the action is legal.
            if (try? records[index].apply(.applyDecision(decision), on: upload.day, by: "decision \(decision.id)"))
                != nil
            {
                summary.closedByDecision.append(finding.key)
            }
        }
        return summary
    }
}

public struct ReconciliationSummary: Hashable, Sendable {
    public var created: [FindingKey] = []
    public var verified: [FindingKey] = []
    public var reopened: [FindingKey] = []
    public var closedByDecision: [FindingKey] = []
}
