import Governance
import Remediation
import VulnModel

/// A remediation record as the store keeps it: the L0 record, the deadline computed when it was last saved (so
/// that overdue lists and dashboards are queries), the newest reporting month that observed its host, and how much
/// of its history is already stored.
public struct TrackedRemediation: Hashable, Sendable {
    public var record: RemediationRecord
    public var deadline: Deadline?
    /// The newest month whose upload observed the host: an older month processed late must not verify or reopen it.
    public var lastMonth: ReportingMonth
    /// History entries already stored; nil for a record not yet stored. Saving appends the entries after these and
    /// fails with `conflict` if someone else appended meanwhile (optimistic concurrency).
    public let storedHistoryCount: Int?

    public init(record: RemediationRecord, deadline: Deadline?, lastMonth: ReportingMonth, storedHistoryCount: Int?) {
        self.record = record
        self.deadline = deadline
        self.lastMonth = lastMonth
        self.storedHistoryCount = storedHistoryCount
    }

    public var key: FindingKey { record.key }

    /// Whether anything a save would write differs from `other`.
    func differs(from other: TrackedRemediation) -> Bool {
        record != other.record || deadline != other.deadline || lastMonth != other.lastMonth
    }
}
