import VulnModel

/// An open or planned record's deadline, which is all the reminder planner needs of it. The store keeps each
/// record's deadline as computed when it was last saved, so the daily run reads these instead of every active
/// record with its whole history.
public struct DueRemediation: Hashable, Sendable {
    public var key: FindingKey
    public var deadline: Day

    public init(key: FindingKey, deadline: Day) {
        self.key = key
        self.deadline = deadline
    }
}
