import VulnModel

/// Where a snapshot's assessment records lie: the table of (CVE key, offset) sorted by key, the records' own
/// string table, and the records, written in the table's order.
struct RecordSections {
    let count: Int
    let table: Int
    let records: Int
    let length: Int
    let strings: [String]

    init(skimming reader: inout ByteReader, end: Int) throws(SnapshotError) {
        count = try reader.count(minimumSize: 16)
        table = reader.offset
        try reader.skip(16 * count)
        var own = reader
        try own.readStringTable()
        strings = own.strings
        reader.offset = own.offset
        length = try reader.length()
        records = reader.offset
        guard length == end - records else {
            throw SnapshotError(offset: records, reason: "assessment records do not fit the file")
        }
    }

    /// The file offset of a CVE's record, found by binary search of the table (sorted by key), or nil.
    func record(_ key: UInt64, _ reader: ByteReader) throws(SnapshotError) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if try reader.u64(at: table + 16 * middle) < key { low = middle + 1 } else { high = middle }
        }
        guard low < count, try reader.u64(at: table + 16 * low) == key else { return nil }
        guard let offset = Int(exactly: try reader.u64(at: table + 16 * low + 8)), offset < length else {
            throw SnapshotError(offset: table + 16 * low + 8, reason: "assessment records do not fit the file")
        }
        return records + offset
    }
}
