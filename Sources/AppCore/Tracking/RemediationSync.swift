import Governance
import Remediation
import VulnModel

/// Brings an agency's remediation records up to date after an upload's findings are recorded (R19–R21): new
/// high-risk findings get a record and a deadline, standing decisions close what they cover, hosts the upload lists
/// are verified (a record whose item is gone closes as `remediated (verified)`, a closed one that is back reopens
/// flagged). All of it is the L0 policy (`FindingReconciler`, `SLAPolicy`); this use case only loads and saves.
public struct RemediationSync: FindingsRecordedObserver {
    public var store: any RemediationStore
    public var riskFacts: (any RiskFacts)?
    public var sla: SLAPolicy
    public var directives: [Directive]
    public var audit: (any AuditLog)?

    public init(
        store: any RemediationStore, riskFacts: (any RiskFacts)? = nil, sla: SLAPolicy = .standard,
        directives: [Directive] = [], audit: (any AuditLog)? = nil
    ) {
        self.store = store
        self.riskFacts = riskFacts
        self.sla = sla
        self.directives = directives
        self.audit = audit
    }

    /// What one sync changed.
    public struct Outcome: Hashable, Sendable {
        public var created: [FindingKey] = []
        public var verified: [FindingKey] = []
        public var reopened: [FindingKey] = []
        public var closedByDecision: [FindingKey] = []
        /// Observations whose CPE names no version: they cannot be tracked to a fix, so they get no record.
        public var unversioned: [FindingObservation] = []
        /// Records written (new or changed).
        public var saved: Int = 0
    }

    /// Idempotent per upload, as the worker's retries need: a second call with the same observations changes
    /// nothing (observations on the day a record was created are not verifications, and repeated ones are no-ops).
    public func findingsRecorded(
        agency: Agency.ID, upload: Upload.ID, month: ReportingMonth, observations: [FindingObservation],
        hosts: Set<HostID>, now: Timestamp
    ) async throws {
        // Two workers (in one process or several on one database) syncing the same agency at once read the same
        // records; the second save is then a conflict and saves nothing. Reading and reconciling again is the
        // optimistic protocol's answer, and far cheaper than failing the whole upload job into a delayed retry.
        var attempt = 1
        while true {
            do {
                _ = try await sync(
                    agency: agency, upload: upload, month: month, observations: observations, hosts: hosts, now: now)
                return
            } catch let error as StoreError where error.kind == .conflict && attempt < Self.conflictAttempts {
                attempt += 1
            }
        }
    }

    /// How often a sync that lost a race is read and reconciled again before the conflict is the job's failure.
    static let conflictAttempts = 8

    @discardableResult
    public func sync(
        agency: Agency.ID, upload: Upload.ID, month: ReportingMonth, observations: [FindingObservation],
        hosts: Set<HostID>, now: Timestamp
    ) async throws -> Outcome {
        let day = now.dayInTaiwan
        let book = DecisionBook(try await store.decisions().filter { $0.isInForce(on: day) })
        let stored = Dictionary(grouping: try await store.records(agency: agency, host: nil), by: \.key.host)
        var outcome = Outcome()
        let (items, found) = try await sort(observations, agency: agency, outcome: &outcome)
        let reconciler = FindingReconciler(decisions: book)
        var changed: [TrackedRemediation] = []
        for host in hosts.union(found.keys).sorted() {
            let existing = stored[host] ?? []
            // An older month processed late must not verify or reopen what a newer upload already decided.
            let newer = Set(existing.filter { $0.lastMonth > month }.map(\.key))
            let current = existing.filter { !newer.contains($0.key) }
            let findings = (found[host] ?? []).filter { !newer.contains($0.key) }
            let hostUpload = HostUpload(
                host: HostRef(agency: agency, host: host), day: day, items: items[host] ?? [])
            // Only a host the upload covers completely proves a fix by an item's absence. A partial re-match
            // (no hosts) only adds records for new findings, and refreshes the risk facts of known ones.
            let covered = hosts.contains(host)
            var records = covered ? current.map(\.record) : []
            let known = Set(current.map(\.key))
            let summary = reconciler.reconcile(
                &records, upload: hostUpload, findings: covered ? findings : findings.filter { !known.contains($0.key) }
            )
            if !covered {
                let seen = Set(findings.map(\.key))
                records += current.filter { seen.contains($0.key) }.map(\.record)
            }
            outcome.created += summary.created
            outcome.verified += summary.verified
            outcome.reopened += summary.reopened
            outcome.closedByDecision += summary.closedByDecision
            let risks = Dictionary(findings.map { ($0.key, $0.risk) }, uniquingKeysWith: { first, _ in first })
            let before = Dictionary(existing.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            for var record in records {
                // KEV listing can come after first sight: the newer facts move the deadline (ADR 0008).
                if let risk = risks[record.key], !record.state.isClosed { record.risk = risk }
                let old = before[record.key]
                let tracked = TrackedRemediation(
                    record: record, deadline: sla.deadline(for: record, directives: directives),
                    lastMonth: max(old?.lastMonth ?? month, month), storedHistoryCount: old?.storedHistoryCount)
                if let old, !tracked.differs(from: old) { continue }
                changed.append(tracked)
            }
        }
        try await store.save(changed, now: now)
        outcome.saved = changed.count
        try await audit?.append(
            AuditEntry(
                at: now, actor: "system", agency: agency, action: "remediation.synced", subject: upload.rawValue,
                detail: """
                    {"month":"\(month.gregorian)","created":\(outcome.created.count),\
                    "verified":\(outcome.verified.count),"reopened":\(outcome.reopened.count),\
                    "closedByDecision":\(outcome.closedByDecision.count),"unversioned":\(outcome.unversioned.count)}
                    """))
        return outcome
    }

    /// The items each host has (any finding of an item shows the item is there) and its high-risk findings.
    private func sort(_ observations: [FindingObservation], agency: Agency.ID, outcome: inout Outcome) async throws
        -> (items: [HostID: Set<ItemVersion>], found: [HostID: [ObservedFinding]])
    {
        var items: [HostID: Set<ItemVersion>] = [:]
        var found: [HostID: [ObservedFinding]] = [:]
        var risks: [CVEID: FindingRisk] = [:]
        for observation in observations {
            guard let item = try? ItemVersion(cpe: observation.cpe) else {
                outcome.unversioned.append(observation)
                continue
            }
            items[observation.host, default: []].insert(item)
            guard observation.status == .affected, observation.highRisk else { continue }
            let risk: FindingRisk
            if let known = risks[observation.cve] {
                risk = known
            } else {
                // High-risk means a base score of at least 7 (R15): without the facts, the high band is the floor.
                risk =
                    try await riskFacts?.risk(of: observation.cve)
                    ?? FindingRisk(severity: .high, isKEV: observation.knownExploited)
                risks[observation.cve] = risk
            }
            let key = FindingKey(agency: agency, host: observation.host, cve: observation.cve, item: item)
            found[observation.host, default: []].append(ObservedFinding(key: key, risk: risk, highRisk: true))
        }
        return (items, found)
    }
}
