import Governance
import Remediation
import VulnModel

/// Remediation records (R19) with their append-only history, and the standing decisions that close findings in
/// every later upload. Every read of records names the agency, except the cross-agency ones the reminder job and
/// supervisors need.
public protocol RemediationStore: Sendable {
    /// The agency's records, by host, CVE and item; only those of `host` when given.
    func records(agency: Agency.ID, host: HostID?) async throws(StoreError) -> [TrackedRemediation]

    /// One record; `notFound` when it does not exist or is another agency's.
    func record(_ key: FindingKey) async throws(StoreError) -> TrackedRemediation

    /// Records of every agency in `states` (the reminder job asks for the active and risk-accepted ones).
    func records(in states: Set<RemediationState>) async throws(StoreError) -> [TrackedRemediation]

    /// The stored deadline of every record in `states` that has one, across agencies: what the daily reminder run
    /// plans from, without reading each record's history.
    func deadlines(in states: Set<RemediationState>) async throws(StoreError) -> [DueRemediation]

    /// Inserts new records and updates stored ones in one transaction, appending the history entries after each
    /// record's `storedHistoryCount`. A record changed by someone else since it was read makes the whole save fail
    /// with `conflict`; nothing is written then.
    func save(_ records: [TrackedRemediation], now: Timestamp) async throws(StoreError)

    /// Stores a decision; its id must be new (`conflict` otherwise).
    func saveDecision(_ decision: Decision, now: Timestamp) async throws(StoreError)

    /// Every stored decision, by id; callers ask each one whether it is in force on their day.
    func decisions() async throws(StoreError) -> [Decision]
}
