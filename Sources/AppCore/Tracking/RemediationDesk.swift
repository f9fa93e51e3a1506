import Governance
import Remediation
import VulnModel

/// What an agency (or its supervisor) does with a record: plan, claim a fix, mitigate, accept the risk with an
/// approver and expiry, mark a false positive with a justification, retire the asset, add evidence, reopen; and
/// standing decisions. Each goes through the L0 state machine, is saved with its history, and is written to the
/// audit log (R47). Observations (absent, present) are the system's and are refused here.
public struct RemediationDesk: Sendable {
    public var store: any RemediationStore
    public var audit: any AuditLog
    public var sla: SLAPolicy
    public var directives: [Directive]

    public init(
        store: any RemediationStore, audit: any AuditLog, sla: SLAPolicy = .standard, directives: [Directive] = []
    ) {
        self.store = store
        self.audit = audit
        self.sla = sla
        self.directives = directives
    }

    /// Applies `action` to the record of `key` on the Taiwanese day of `now`. Throws `RemediationError` when the
    /// state machine refuses it (nothing is saved or logged then), `StoreError` when the store does.
    @discardableResult
    public func act(_ action: RemediationAction, on key: FindingKey, by actor: String, now: Timestamp) async throws
        -> TrackedRemediation
    {
        let tracked = try await store.record(key)
        switch action {
        case .observedAbsent, .observedPresent, .applyDecision:
            throw RemediationError(
                key: key, state: tracked.record.state, action: action.name, problem: .illegalTransition)
        default: break
        }
        var record = tracked.record
        try record.apply(action, on: now.dayInTaiwan, by: actor)
        let updated = TrackedRemediation(
            record: record, deadline: sla.deadline(for: record, directives: directives), lastMonth: tracked.lastMonth,
            storedHistoryCount: tracked.storedHistoryCount)
        try await store.save([updated], now: now)
        try await audit.append(
            AuditEntry(
                at: now, actor: actor, agency: key.agency, action: "remediation.\(action.name)",
                subject: key.description,
                detail: Self.detail(from: tracked.record.state, to: record.state, note: record.history.last?.note)))
        return updated
    }

    public func plan(
        _ key: FindingKey, measure: String, owner: String, targetDate: Day, by actor: String, now: Timestamp
    )
        async throws -> TrackedRemediation
    {
        try await act(.plan(measure: measure, owner: owner, targetDate: targetDate), on: key, by: actor, now: now)
    }

    public func acceptRisk(_ key: FindingKey, _ acceptance: RiskAcceptance, by actor: String, now: Timestamp)
        async throws -> TrackedRemediation
    {
        try await act(.acceptRisk(acceptance), on: key, by: actor, now: now)
    }

    public func markFalsePositive(_ key: FindingKey, justification: String, by actor: String, now: Timestamp)
        async throws -> TrackedRemediation
    {
        try await act(.markFalsePositive(justification: justification), on: key, by: actor, now: now)
    }

    /// Stores a standing decision and applies it at once to the open and planned records it covers; later uploads
    /// apply it through `RemediationSync`. Returns the records it closed.
    @discardableResult
    public func decide(_ decision: Decision, by actor: String, now: Timestamp) async throws -> [TrackedRemediation] {
        try await store.saveDecision(decision, now: now)
        let day = now.dayInTaiwan
        let candidates: [TrackedRemediation]
        switch decision.scope {
        case .host(let host): candidates = try await store.records(agency: host.agency, host: host.host)
        case .agency(let agency): candidates = try await store.records(agency: agency, host: nil)
        case .national: candidates = try await store.records(in: [.open, .planned])
        }
        var closed: [TrackedRemediation] = []
        for tracked in candidates where !tracked.record.state.isClosed && decision.covers(tracked.key, on: day) {
            var record = tracked.record
            guard (try? record.apply(.applyDecision(decision), on: day, by: "decision \(decision.id)")) != nil else {
                continue
            }
            closed.append(
                TrackedRemediation(
                    record: record, deadline: sla.deadline(for: record, directives: directives),
                    lastMonth: tracked.lastMonth, storedHistoryCount: tracked.storedHistoryCount))
        }
        try await store.save(closed, now: now)
        let agency: Agency.ID? =
            switch decision.scope {
            case .host(let host): host.agency
            case .agency(let agency): agency
            case .national: nil
            }
        try await audit.append(
            AuditEntry(
                at: now, actor: actor, agency: agency, action: "decision.made", subject: decision.id.rawValue,
                detail: """
                    {"cve":"\(decision.cve)","product":"\(decision.product)",\
                    "outcome":"\(decision.outcome.rawValue)","closed":\(closed.count)}
                    """))
        return closed
    }

    private static func detail(from: RemediationState, to: RemediationState, note: String?) -> String {
        var text = "{\"from\":\"\(from.rawValue)\",\"to\":\"\(to.rawValue)\""
        if let note { text += ",\"note\":\"\(escaped(note))\"" }
        return text + "}"
    }

    /// JSON string escaping for the audit detail (quotes, backslashes, control characters).
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
