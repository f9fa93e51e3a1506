/// Where a reader delivers what it reads, in file order. Records are handed over, not copied: a sink that
/// keeps one owns it.
public protocol InventorySink {
    mutating func record(_ record: consuming InventoryRecord)
    mutating func issue(_ issue: InventoryIssue)
}

/// A sink that keeps everything, for whole-file reads and tests.
public struct InventoryCollector: InventorySink, Hashable, Sendable {
    public var records: [InventoryRecord] = []
    public var issues: [InventoryIssue] = []

    public init() {}

    public mutating func record(_ record: consuming InventoryRecord) { records.append(record) }
    public mutating func issue(_ issue: InventoryIssue) { issues.append(issue) }
}
