import Governance
import VulnModel

/// A removal task as stored: the L0 task and the snapshot it last followed, so that an upload applied twice (a
/// retried job) or an older month processed late changes nothing.
public struct TrackedRemovalTask: Hashable, Sendable {
    public var task: RemovalTask
    public var lastMonth: ReportingMonth
    public var lastSnapshotAt: Timestamp

    public init(task: RemovalTask, lastMonth: ReportingMonth, lastSnapshotAt: Timestamp) {
        self.task = task
        self.lastMonth = lastMonth
        self.lastSnapshotAt = lastSnapshotAt
    }

    /// Whether `snapshot` is newer than the one the task last followed: a later month, or the same month committed
    /// later.
    public func follows(_ snapshot: InventorySnapshot) -> Bool {
        (snapshot.month, snapshot.committedAt.millisecondsSinceEpoch)
            > (lastMonth, lastSnapshotAt.millisecondsSinceEpoch)
    }
}

/// One change of a task's status, as the append-only history keeps it.
public struct RemovalEvent: Hashable, Sendable {
    public var day: Day
    public var actor: String
    public var action: String
    /// nil for the event that created the task.
    public var from: String?
    public var to: String
    public var note: String?

    public init(day: Day, actor: String, action: String, from: String?, to: String, note: String?) {
        self.day = day
        self.actor = actor
        self.action = action
        self.from = from
        self.to = to
        self.note = note
    }
}

extension RemovalTask.Status {
    /// The stored name of the status: `open`, `completed` or `exception`.
    public var name: String {
        switch self {
        case .open: "open"
        case .completed: "completed"
        case .exception: "exception"
        }
    }
}
