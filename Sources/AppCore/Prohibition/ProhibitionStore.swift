import Governance
import VulnModel

/// Published catalogue entries, their removal tasks with an append-only history, the register of products kept
/// under an exception (R27, R28), and the per-row catalogue hits stored with snapshots.
public protocol ProhibitionStore: Sendable {
    /// Records the entry as published together with its first tasks, in one transaction; `conflict` when the entry
    /// was already published.
    func publish(_ entry: PublishedEntry, tasks: [TrackedRemovalTask], actor: String, now: Timestamp)
        async throws(StoreError)

    /// Every published entry, oldest first.
    func publications() async throws(StoreError) -> [PublishedEntry]

    /// The tasks of one agency, or of all, by entry then agency.
    func tasks(agency: Agency.ID?) async throws(StoreError) -> [TrackedRemovalTask]

    /// Open tasks per agency, counted by the database in one grouped query (the supervisor's list); agencies with
    /// none are absent.
    func openTaskCounts() async throws(StoreError) -> [Agency.ID: Int]

    /// Inserts new tasks and updates stored ones (their outstanding hits replaced). A new task, and every change of
    /// a task's status, appends an event to its history under `action`.
    func save(_ tasks: [TrackedRemovalTask], actor: String, action: String, now: Timestamp) async throws(StoreError)

    /// A task's history, oldest first.
    func history(entry: ProhibitedEntryID, agency: Agency.ID) async throws(StoreError) -> [RemovalEvent]

    /// The catalogue hits stored with the snapshot's rows; a row without a host is the agency's own (as matching
    /// counts it).
    func hits(of snapshot: InventorySnapshot) async throws(StoreError) -> [ProhibitedHit]
}
