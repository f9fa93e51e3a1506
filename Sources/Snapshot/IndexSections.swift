import Matching
import VulnModel

/// Where each table of a snapshot's index section lies, found by skipping over them: a selective load
/// (`MatchIndex+Selection`) reads single records from them. Criteria and buckets are variable-length records
/// with a table of their starts; every other table has fixed-width records.
struct IndexSections {
    /// A CVE record: year (u16), number (u32), its configurations' and its placements' ranges (two u32 each),
    /// source (three string references), simple flag (u8).
    static let cveWidth = 35
    /// Where a CVE record's placement range lies: after the year, the number and the configurations' range.
    static let cvePlacementRange = 14
    static let groupWidth = 9

    let criterionCount: Int
    let criteria: Int
    let criterionStarts: Int
    let bucketCount: Int
    let buckets: Int
    let bucketStarts: Int
    let wildcard: [Int32]
    let cves: (count: Int, start: Int)
    let configurations: (count: Int, start: Int)
    let nodes: (count: Int, start: Int)
    let entries: (count: Int, start: Int)
    let simpleOffsets: Int
    let simpleTargets: (count: Int, start: Int)
    let conditions: (count: Int, start: Int)
    let placements: (count: Int, start: Int)
    let hostDependentOffsets: Int
    let hostDependent: (count: Int, start: Int)

    init(skimming reader: inout ByteReader) throws(SnapshotError) {
        (criterionCount, criteria, criterionStarts) = try Self.records(&reader, minimumSize: 15)
        (bucketCount, buckets, bucketStarts) = try Self.records(&reader, minimumSize: 16)
        wildcard = try reader.numbers(below: criterionCount)
        cves = try Self.table(&reader, width: Self.cveWidth)
        configurations = try Self.table(&reader, width: Self.groupWidth)
        nodes = try Self.table(&reader, width: Self.groupWidth)
        entries = try Self.table(&reader, width: 4)
        let offsets = try Self.table(&reader, width: 4)
        simpleOffsets = offsets.start
        simpleTargets = try Self.table(&reader, width: 8)
        conditions = try Self.table(&reader, width: 4)
        placements = try Self.table(&reader, width: 8)
        let hostDependentTable = try Self.table(&reader, width: 4)
        hostDependentOffsets = hostDependentTable.start
        hostDependent = try Self.table(&reader, width: 4)
        guard offsets.count == criterionCount + 1, hostDependentTable.count == criterionCount + 1 else {
            throw SnapshotError(offset: reader.offset, reason: "use lists do not cover every criterion")
        }
    }

    private static func records(
        _ reader: inout ByteReader, minimumSize: Int
    ) throws(SnapshotError) -> (count: Int, data: Int, starts: Int) {
        let count = try reader.count(minimumSize: minimumSize)
        let length = try reader.length()
        let data = reader.offset
        try reader.skip(length)
        let starts = reader.offset
        try reader.skip(4 * count)
        return (count, data, starts)
    }

    private static func table(_ reader: inout ByteReader, width: Int) throws(SnapshotError) -> (count: Int, start: Int)
    {
        let count = try reader.count(minimumSize: width)
        let start = reader.offset
        try reader.skip(width * count)
        return (count, start)
    }

    /// A number of a table, checked against `limit`.
    static func number(at position: Int, below limit: Int, _ reader: ByteReader) throws(SnapshotError) -> Int32 {
        let value = Int32(bitPattern: try reader.u32(at: position))
        guard value >= 0, Int(value) < limit else {
            throw SnapshotError(offset: position, reason: "number \(value) out of range")
        }
        return value
    }

    func criterion(_ number: Int32, _ reader: ByteReader) throws(SnapshotError) -> CompiledCriterion {
        let start = try Self.number(at: criterionStarts + 4 * Int(number), below: criterionStarts - criteria, reader)
        var cursor = reader.at(criteria + Int(start))
        return try cursor.criterion()
    }

    /// The bucket record of a product key, found by binary search (buckets are sorted by key).
    func bucket(named product: String, _ reader: ByteReader) throws(SnapshotError) -> Int? {
        func key(_ number: Int) throws(SnapshotError) -> (String, Int) {
            let start = try Self.number(at: bucketStarts + 4 * number, below: bucketStarts - buckets, reader)
            var cursor = reader.at(buckets + Int(start))
            return (try cursor.reference(), buckets + Int(start))
        }
        var low = 0
        var high = bucketCount
        while low < high {
            let middle = (low + high) / 2
            if try key(middle).0 < product { low = middle + 1 } else { high = middle }
        }
        guard low < bucketCount else { return nil }
        let (found, position) = try key(low)
        return found == product ? position : nil
    }

    func simpleUses(of criterion: Int32, _ reader: ByteReader) throws(SnapshotError) -> [SimpleUse] {
        var uses: [SimpleUse] = []
        for position in try range(offsets: simpleOffsets, of: criterion, within: simpleTargets.count, reader) {
            let start = simpleTargets.start + 8 * position
            let use = SimpleUse(
                cve: Int32(bitPattern: try reader.u32(at: start)),
                configuration: Int32(bitPattern: try reader.u32(at: start + 4))
            )
            guard use.cve >= 0, Int(use.cve) < cves.count, use.configuration >= 0 else {
                throw SnapshotError(offset: start, reason: "a simple use points outside the CVE table")
            }
            uses.append(use)
        }
        return uses
    }

    func hostDependentCVEs(of criterion: Int32, _ reader: ByteReader) throws(SnapshotError) -> [Int32] {
        var result: [Int32] = []
        for position in try range(offsets: hostDependentOffsets, of: criterion, within: hostDependent.count, reader) {
            result.append(try Self.number(at: hostDependent.start + 4 * position, below: cves.count, reader))
        }
        return result
    }

    /// Whether `criterion` is a vulnerable criterion of the host-dependent CVE `cve` anywhere in it, rather than
    /// only a condition ("running on"): found by binary search of the CVE's placements, sorted by criterion.
    func isVulnerable(_ criterion: Int32, in cve: Int32, _ reader: ByteReader) throws(SnapshotError) -> Bool {
        let record = cves.start + Self.cveWidth * Int(cve) + Self.cvePlacementRange
        let lower = Int(Int32(bitPattern: try reader.u32(at: record)))
        let upper = Int(Int32(bitPattern: try reader.u32(at: record + 4)))
        guard lower >= 0, lower <= upper, upper <= placements.count else {
            throw SnapshotError(offset: record, reason: "invalid range")
        }
        var low = lower
        var high = upper
        while low < high {
            let middle = (low + high) / 2
            if try placement(Int32(middle), reader).criterion < criterion { low = middle + 1 } else { high = middle }
        }
        while low < upper {
            let placement = try placement(Int32(low), reader)
            guard placement.criterion == criterion else { break }
            if placement.vulnerable { return true }
            low += 1
        }
        return false
    }

    private func range(
        offsets: Int, of criterion: Int32, within count: Int, _ reader: ByteReader
    ) throws(SnapshotError) -> Range<Int> {
        let position = offsets + 4 * Int(criterion)
        let lower = try Self.number(at: position, below: count + 1, reader)
        let upper = try Self.number(at: position + 4, below: count + 1, reader)
        guard lower <= upper else { throw SnapshotError(offset: position, reason: "invalid use list") }
        return Int(lower)..<Int(upper)
    }

    func group(_ table: (count: Int, start: Int), _ number: Int32, _ reader: ByteReader) throws(SnapshotError)
        -> CompiledGroup
    {
        guard number >= 0, Int(number) < table.count else {
            throw SnapshotError(offset: table.start, reason: "group \(number) out of range")
        }
        let start = table.start + Self.groupWidth * Int(number)
        let flags = try reader.u8(at: start)
        let lower = Int32(bitPattern: try reader.u32(at: start + 1))
        let upper = Int32(bitPattern: try reader.u32(at: start + 5))
        guard lower >= 0, lower <= upper else { throw SnapshotError(offset: start + 1, reason: "invalid range") }
        return CompiledGroup(op: flags & 1 == 1 ? .and : .or, negate: flags & 2 == 2, members: lower..<upper)
    }

    func entry(_ number: Int32, _ reader: ByteReader) throws(SnapshotError) -> NodeEntry {
        guard number >= 0, Int(number) < entries.count else {
            throw SnapshotError(offset: entries.start, reason: "entry \(number) out of range")
        }
        let start = entries.start + 4 * Int(number)
        let packed = try reader.u32(at: start)
        let criterion = Int32(packed & ~(1 << 31))
        guard Int(criterion) < criterionCount else {
            throw SnapshotError(offset: start, reason: "criterion \(criterion) out of range")
        }
        return NodeEntry(criterion: criterion, vulnerable: packed & (1 << 31) != 0)
    }

    func placement(_ number: Int32, _ reader: ByteReader) throws(SnapshotError) -> Placement {
        guard number >= 0, Int(number) < placements.count else {
            throw SnapshotError(offset: placements.start, reason: "placement \(number) out of range")
        }
        let start = placements.start + 8 * Int(number)
        let criterion = Int32(bitPattern: try reader.u32(at: start))
        let packed = try reader.u32(at: start + 4)
        guard criterion >= 0, Int(criterion) < criterionCount else {
            throw SnapshotError(offset: start, reason: "a placement points outside its tables")
        }
        return Placement(criterion: criterion, node: Int32(packed & ~(1 << 31)), vulnerable: packed & (1 << 31) != 0)
    }

    /// The criteria that gate host-dependent CVEs, ascending: the one at `position`.
    func condition(at position: Int, _ reader: ByteReader) throws(SnapshotError) -> Int32 {
        try Self.number(at: conditions.start + 4 * position, below: criterionCount, reader)
    }
}
