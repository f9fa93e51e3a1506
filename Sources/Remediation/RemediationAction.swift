import VulnModel

/// Something done to a remediation record: by a person (plan, accept risk, …) or observed by the system (a later
/// upload has or lacks the version, an acceptance expired, a decision covers the finding).
public enum RemediationAction: Hashable, Sendable {
    case plan(measure: String, owner: String, targetDate: Day)
    case claimRemediated(evidence: String)
    case mitigate(measure: String, evidence: String)
    case acceptRisk(RiskAcceptance)
    case markFalsePositive(justification: String)
    case retireAsset(evidence: String)
    case addEvidence(String)
    case reopen(reason: String)
    case applyDecision(Decision)
    /// A later upload of the host no longer has the item's version (R21).
    case observedAbsent
    /// A later upload of the host still (or again) has the item's version.
    case observedPresent
    case expireAcceptance

    public var name: String {
        switch self {
        case .plan: "plan"
        case .claimRemediated: "claim_remediated"
        case .mitigate: "mitigate"
        case .acceptRisk: "accept_risk"
        case .markFalsePositive: "mark_false_positive"
        case .retireAsset: "retire_asset"
        case .addEvidence: "add_evidence"
        case .reopen: "reopen"
        case .applyDecision: "apply_decision"
        case .observedAbsent: "observed_absent"
        case .observedPresent: "observed_present"
        case .expireAcceptance: "expire_acceptance"
        }
    }
}

/// An approved risk acceptance: who approved it, why, and until when (the clock is paused meanwhile).
public struct RiskAcceptance: Hashable, Sendable {
    public var approver: String
    public var reason: String
    public var expires: Day

    public init(approver: String, reason: String, expires: Day) {
        self.approver = approver
        self.reason = reason
        self.expires = expires
    }
}

/// An action the state machine refuses, with the state it was refused in.
public struct RemediationError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Hashable, Sendable {
        case illegalTransition
        case missingField(String)
        /// A date that must lie after the action's day does not.
        case dateNotAfter(field: String, Day)
        case acceptanceNotExpired(Day)
        case decisionDoesNotCover
    }

    public var key: FindingKey
    public var state: RemediationState
    public var action: String
    public var problem: Problem

    public init(key: FindingKey, state: RemediationState, action: String, problem: Problem) {
        self.key = key
        self.state = state
        self.action = action
        self.problem = problem
    }

    public var description: String {
        let what =
            switch problem {
            case .illegalTransition: "not allowed"
            case .missingField(let field): "\(field) is required"
            case .dateNotAfter(let field, let day): "\(field) \(day) must be after the action's day"
            case .acceptanceNotExpired(let day): "the risk acceptance runs until \(day)"
            case .decisionDoesNotCover: "the decision does not cover this finding"
            }
        return "\(key): \(action) in state \(state.rawValue): \(what)"
    }
}

/// One line of a record's history: every change is kept, with who made it and when (R23 asks every reminder to be
/// logged; the same holds for every state change).
public struct HistoryEntry: Hashable, Sendable {
    public var day: Day
    public var actor: String
    public var action: String
    public var from: RemediationState
    public var to: RemediationState
    public var note: String?

    public init(day: Day, actor: String, action: String, from: RemediationState, to: RemediationState, note: String?) {
        self.day = day
        self.actor = actor
        self.action = action
        self.from = from
        self.to = to
        self.note = note
    }
}
