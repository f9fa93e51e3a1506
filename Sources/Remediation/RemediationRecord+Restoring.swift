import VulnModel

extension RemediationRecord {
    /// A record as storage saved it. Only storage should call this: every other change goes through `apply`, so
    /// that the history stays complete.
    public init(
        restoring key: FindingKey,
        risk: FindingRisk,
        state: RemediationState,
        verified: Bool,
        firstSeen: Day,
        lastSeen: Day,
        measure: String?,
        owner: String?,
        targetDate: Day?,
        evidence: [String],
        riskAcceptance: RiskAcceptance?,
        justification: String?,
        decision: Decision.ID?,
        reappeared: Bool,
        reopenedOn: Day?,
        reopenCount: Int,
        history: [HistoryEntry]
    ) {
        self.init(key: key, risk: risk, firstSeen: firstSeen)
        self.state = state
        self.verified = verified
        self.lastSeen = lastSeen
        self.measure = measure
        self.owner = owner
        self.targetDate = targetDate
        self.evidence = evidence
        self.riskAcceptance = riskAcceptance
        self.justification = justification
        self.decision = decision
        self.reappeared = reappeared
        self.reopenedOn = reopenedOn
        self.reopenCount = reopenCount
        self.history = history
    }

    /// A risk acceptance that has run out on `day`: the daily job applies `.expireAcceptance`, which reopens the
    /// finding and lets its (paused) clock run again.
    public func acceptanceHasExpired(on day: Day) -> Bool {
        guard state == .riskAccepted, let expires = riskAcceptance?.expires else { return false }
        return day >= expires
    }
}
