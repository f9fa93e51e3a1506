import Inventory

/// An inventory reduced, while it streams in, to what identification needs: each distinct
/// (name, publisher, version, CPE, architecture, format) once, and per row only its number, its host and which
/// key it has. A national month repeats a few hundred thousand keys over tens of millions of rows, so this holds
/// the rows in 16 bytes each instead of a full record.
public struct InventoryDigest: InventorySink, Sendable {
    public struct Row: Hashable, Sendable {
        /// The row's number in its file (`InventoryRecord.row`).
        public var row: Int
        /// Index into `hosts`, or -1 when the row names no host.
        public var host: Int32
        /// Index into `keys`.
        public var key: Int32
    }

    struct Key: Hashable {
        var name: String
        var publisher: String?
        var version: String?
        var cpe: String?
        var architecture: String?
        var format: InventoryFormat
    }

    /// The first record of each distinct key (its `row` is that first row's).
    public private(set) var keys: [InventoryRecord] = []
    public private(set) var hosts: [String] = []
    public private(set) var rows: [Row] = []
    public private(set) var issues: [InventoryIssue] = []
    private var keyIndex: [Key: Int32] = [:]
    private var hostIndex: [String: Int32] = [:]

    public init() {}

    public mutating func record(_ record: consuming InventoryRecord) {
        let key = Key(
            name: record.name, publisher: record.publisher, version: record.version, cpe: record.cpe,
            architecture: record.architecture, format: record.format)
        let row = record.row
        var host: Int32 = -1
        if let name = record.host {
            if let known = hostIndex[name] {
                host = known
            } else {
                host = Int32(hosts.count)
                hosts.append(name)
                hostIndex[name] = host
            }
        }
        let index: Int32
        if let known = keyIndex[key] {
            index = known
        } else {
            index = Int32(keys.count)
            keys.append(record)
            keyIndex[key] = index
        }
        rows.append(Row(row: row, host: host, key: index))
    }

    public mutating func issue(_ issue: InventoryIssue) { issues.append(issue) }

    public func host(of row: Row) -> String? { row.host < 0 ? nil : hosts[Int(row.host)] }
}
