import Remediation
import VulnModel

/// One action on a record as a person sends it, from the API's JSON or a page's form: the action's name and its
/// fields as text. Both adapters read it the same way, so a field is named the same in both answers.
public struct RemediationRequest: Hashable, Sendable {
    /// The actions a person may take (observations and decisions are the system's).
    public static let actions = [
        "plan", "claim_remediated", "mitigate", "accept_risk", "mark_false_positive", "retire_asset", "add_evidence",
        "reopen",
    ]

    public var action: String
    public var measure: String?
    public var owner: String?
    /// `YYYY-MM-DD`.
    public var targetDate: String?
    public var evidence: String?
    public var approver: String?
    public var reason: String?
    /// `YYYY-MM-DD`: when a risk acceptance ends.
    public var expires: String?
    public var justification: String?

    public init(
        action: String, measure: String? = nil, owner: String? = nil, targetDate: String? = nil,
        evidence: String? = nil, approver: String? = nil, reason: String? = nil, expires: String? = nil,
        justification: String? = nil
    ) {
        self.action = action
        self.measure = measure
        self.owner = owner
        self.targetDate = targetDate
        self.evidence = evidence
        self.approver = approver
        self.reason = reason
        self.expires = expires
        self.justification = justification
    }

    /// The lifecycle action; a `Rejection` naming the field when the request cannot be one. Empty texts pass
    /// through: the state machine refuses them, naming the field, so the rule lives in one place.
    public func remediationAction() throws(Rejection) -> RemediationAction {
        switch action {
        case "plan":
            return .plan(
                measure: measure ?? "", owner: owner ?? "", targetDate: try Self.day(targetDate, "targetDate"))
        case "claim_remediated": return .claimRemediated(evidence: evidence ?? "")
        case "mitigate": return .mitigate(measure: measure ?? "", evidence: evidence ?? "")
        case "accept_risk":
            return .acceptRisk(
                RiskAcceptance(
                    approver: approver ?? "", reason: reason ?? "", expires: try Self.day(expires, "expires")))
        case "mark_false_positive": return .markFalsePositive(justification: justification ?? "")
        case "retire_asset": return .retireAsset(evidence: evidence ?? "")
        case "add_evidence": return .addEvidence(evidence ?? "")
        case "reopen": return .reopen(reason: reason ?? "")
        default:
            throw Rejection(
                .invalid, "unknown action \"\(action)\"; one of \(Self.actions.joined(separator: ", "))",
                field: "action")
        }
    }

    static func day(_ text: String?, _ field: String) throws(Rejection) -> Day {
        guard let text, !text.isEmpty else { throw Rejection(.unprocessable, "\(field) is required", field: field) }
        guard let day = Day(iso8601: text) else {
            throw Rejection(.invalid, "\(field): expected a date YYYY-MM-DD, got \"\(text)\"", field: field)
        }
        return day
    }
}

extension Rejection {
    /// What the caller is told when the lifecycle refuses an action: 409 when the record's state does not allow it,
    /// 422 naming the field when a value is missing or not in the future.
    public init(_ error: RemediationError) {
        let detail = "\(error.action) in state \(error.state.rawValue): "
        switch error.problem {
        case .illegalTransition:
            self.init(.conflict, detail + "not allowed", field: "action")
        case .acceptanceNotExpired(let day):
            self.init(.conflict, detail + "the risk acceptance runs until \(day)", field: "action")
        case .decisionDoesNotCover:
            self.init(.conflict, detail + "the decision does not cover this finding", field: "action")
        case .missingField(let field):
            self.init(.unprocessable, detail + "\(field) is required", field: Self.requestField(field))
        case .dateNotAfter(let field, let day):
            self.init(
                .unprocessable, detail + "\(field) \(day) must be after today", field: Self.requestField(field))
        }
    }

    /// The lifecycle's field names as requests spell them.
    static func requestField(_ name: String) -> String {
        switch name {
        case "target date": "targetDate"
        case "expiry": "expires"
        default: name
        }
    }
}

extension RemediationDesk {
    /// Applies a person's request, refusing what the lifecycle refuses as a `Rejection` (409/422) and a record
    /// changed by someone else since it was read as a conflict.
    @discardableResult
    public func act(_ request: RemediationRequest, on key: FindingKey, by actor: String, now: Timestamp) async throws
        -> TrackedRemediation
    {
        let action = try request.remediationAction()
        do {
            return try await act(action, on: key, by: actor, now: now)
        } catch let error as RemediationError {
            throw Rejection(error)
        } catch let error as StoreError where error.kind == .conflict {
            throw Rejection(.conflict, "the record was changed meanwhile; load it again")
        } catch let error as StoreError where error.kind == .notFound {
            throw Rejection(.notFound, "not found")
        }
    }
}
