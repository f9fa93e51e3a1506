import VulnModel

/// The remediation record every high-risk finding needs (R19): state, measure, owner, target date, evidence and
/// the full history. A pure value: `apply` returns nothing but changes the record or throws, and every change is
/// appended to `history`.
public struct RemediationRecord: Hashable, Sendable {
    public let key: FindingKey
    public var risk: FindingRisk
    public internal(set) var state: RemediationState
    /// `remediated (verified)`: a later upload of the host no longer has the version (R21).
    public internal(set) var verified: Bool
    public let firstSeen: Day
    public internal(set) var lastSeen: Day
    public internal(set) var measure: String?
    public internal(set) var owner: String?
    public internal(set) var targetDate: Day?
    public internal(set) var evidence: [String]
    public internal(set) var riskAcceptance: RiskAcceptance?
    public internal(set) var justification: String?
    public internal(set) var decision: Decision.ID?
    /// Set when a closed finding came back in a later upload; cleared by the next close.
    public internal(set) var reappeared: Bool
    public internal(set) var reopenedOn: Day?
    public internal(set) var reopenCount: Int
    public internal(set) var history: [HistoryEntry]

    public init(key: FindingKey, risk: FindingRisk, firstSeen: Day) {
        self.key = key
        self.risk = risk
        self.firstSeen = firstSeen
        lastSeen = firstSeen
        state = .open
        verified = false
        evidence = []
        reappeared = false
        reopenCount = 0
        history = []
    }

    /// `remediated (verified)` and the other states as a report shows them.
    public var statusLabel: String { state == .remediated && verified ? "remediated (verified)" : state.rawValue }

    /// The days spent in approved risk acceptance, as half-open intervals: the deadline clock stops in them.
    public var pauses: [Range<Int>] {
        var intervals: [Range<Int>] = []
        var start: Int?
        for entry in history {
            if entry.to == .riskAccepted, entry.from != .riskAccepted {
                start = entry.day.daysSinceEpoch
            } else if entry.from == .riskAccepted, entry.to != .riskAccepted, let begun = start {
                intervals.append(begun..<max(begun, entry.day.daysSinceEpoch))
                start = nil
            }
        }
        if let start, let expires = riskAcceptance?.expires {
            intervals.append(start..<max(start, expires.daysSinceEpoch))
        }
        return intervals
    }

    public mutating func apply(_ action: RemediationAction, on day: Day, by actor: String) throws(RemediationError) {
        let from = state
        var note: String?
        func refuse(_ problem: RemediationError.Problem) -> RemediationError {
            RemediationError(key: key, state: from, action: action.name, problem: problem)
        }
        func require(_ text: String, _ field: String) throws(RemediationError) {
            guard text.contains(where: { !$0.isWhitespace }) else { throw refuse(.missingField(field)) }
        }
        func allowed(_ states: Set<RemediationState>) throws(RemediationError) {
            guard states.contains(from) else { throw refuse(.illegalTransition) }
        }
        let active: Set<RemediationState> = [.open, .planned]

        switch action {
        case .plan(let measure, let owner, let targetDate):
            try allowed(active)
            try require(measure, "measure")
            try require(owner, "owner")
            guard targetDate > day else { throw refuse(.dateNotAfter(field: "target date", targetDate)) }
            (self.measure, self.owner, self.targetDate) = (measure, owner, targetDate)
            state = .planned
            note = measure
        case .claimRemediated(let text):
            try allowed(active.union([.mitigated, .riskAccepted]))
            try require(text, "evidence")
            evidence.append(text)
            close(as: .remediated, verified: false)
            note = text
        case .mitigate(let measure, let text):
            try allowed(active.union([.riskAccepted]))
            try require(measure, "measure")
            try require(text, "evidence")
            self.measure = measure
            evidence.append(text)
            close(as: .mitigated, verified: false)
            note = measure
        case .acceptRisk(let acceptance):
            try allowed(active.union([.mitigated]))
            try require(acceptance.approver, "approver")
            try require(acceptance.reason, "reason")
            guard acceptance.expires > day else { throw refuse(.dateNotAfter(field: "expiry", acceptance.expires)) }
            riskAcceptance = acceptance
            close(as: .riskAccepted, verified: false)
            note = "\(acceptance.approver) until \(acceptance.expires): \(acceptance.reason)"
        case .markFalsePositive(let text):
            try allowed(active.union([.mitigated, .riskAccepted]))
            try require(text, "justification")
            justification = text
            close(as: .falsePositive, verified: false)
            note = text
        case .retireAsset(let text):
            try allowed(active.union([.mitigated, .riskAccepted, .falsePositive]))
            try require(text, "evidence")
            evidence.append(text)
            close(as: .assetRetired, verified: false)
            note = text
        case .addEvidence(let text):
            try require(text, "evidence")
            evidence.append(text)
            note = text
        case .reopen(let reason):
            try allowed([.remediated, .mitigated, .riskAccepted, .falsePositive, .assetRetired])
            try require(reason, "reason")
            reopen(on: day, reappearing: false)
            note = reason
        case .applyDecision(let decision):
            try allowed(active)
            guard decision.covers(key, on: day) else { throw refuse(.decisionDoesNotCover) }
            self.decision = decision.id
            switch decision.outcome {
            case .riskAccepted:
                riskAcceptance = RiskAcceptance(
                    approver: decision.approver, reason: decision.justification,
                    expires: decision.expires ?? day.adding(days: 1))
                close(as: .riskAccepted, verified: false)
            case .falsePositive:
                justification = decision.justification
                close(as: .falsePositive, verified: false)
            case .mitigated:
                measure = decision.justification
                close(as: .mitigated, verified: false)
            }
            note = "decision \(decision.id)"
        case .observedAbsent:
            // A finding already closed for a reason of its own (retired, false positive) stays as it is.
            guard [.open, .planned, .mitigated, .riskAccepted].contains(from) || (from == .remediated && !verified)
            else { return }
            close(as: .remediated, verified: true)
            note = "absent from the upload of \(day)"
        case .observedPresent:
            lastSeen = max(lastSeen, day)
            guard from == .remediated || from == .assetRetired else { return }
            reopen(on: day, reappearing: true)
            note = "present again in the upload of \(day)"
        case .expireAcceptance:
            try allowed([.riskAccepted])
            if let expires = riskAcceptance?.expires, day < expires { throw refuse(.acceptanceNotExpired(expires)) }
            state = .open
            note = "risk acceptance expired"
        }
        history.append(HistoryEntry(day: day, actor: actor, action: action.name, from: from, to: state, note: note))
    }

    private mutating func close(as closed: RemediationState, verified: Bool) {
        state = closed
        self.verified = verified
        reappeared = false
    }

    private mutating func reopen(on day: Day, reappearing: Bool) {
        state = .open
        verified = false
        reappeared = reappearing
        reopenedOn = day
        reopenCount += 1
        riskAcceptance = nil
    }
}
