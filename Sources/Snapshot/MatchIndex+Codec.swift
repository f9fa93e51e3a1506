import CPE
import Matching
import Versioning
import VulnModel

/// The index section: criteria, product buckets, compiled configurations and use lists, as flat records.
extension MatchIndex {
    func encode(into writer: inout ByteWriter) {
        // Criteria and buckets are followed by each record's start, so that a selective load (`MatchIndex+Selection`)
        // can go straight to the few it needs.
        writer.count(criteria.count)
        let criteriaLength = writer.reserveU64()
        var starts: [Int] = []
        starts.reserveCapacity(criteria.count)
        for criterion in criteria {
            starts.append(writer.bytes.count)
            writer.reference(criterion.text)
            writer.value(criterion.version)
            if let range = criterion.range {
                writer.u8(1)
                writer.bound(range.start)
                writer.bound(range.end)
                writer.optionalReference(range.malformation)
            } else {
                writer.u8(0)
            }
            writer.constraints(criterion.constrained)
            writer.constraints(criterion.openProduct)
        }
        writer.endSection(lengthAt: criteriaLength, starts: starts)
        writer.count(buckets.count)
        let bucketsLength = writer.reserveU64()
        starts.removeAll(keepingCapacity: true)
        for (key, bucket) in buckets.sorted(by: { $0.key.text < $1.key.text }) {
            starts.append(writer.bytes.count)
            writer.reference(key.text)
            writer.count(bucket.exact.count)
            for (version, numbers) in bucket.exact.sorted(by: { $0.key < $1.key }) {
                writer.reference(version)
                writer.numbers(numbers)
            }
            writer.numbers(bucket.other)
        }
        writer.endSection(lengthAt: bucketsLength, starts: starts)
        writer.numbers(wildcardCriteria)
        writer.count(cves.count)
        for cve in cves {
            writer.u16(cve.id.year)
            writer.u32(cve.id.number)
            writer.range(cve.configurations)
            writer.range(cve.placements)
            writer.provenance(cve.source)
            writer.u8(cve.isSimple ? 1 : 0)
        }
        for groups in [configurations, nodes] {
            writer.count(groups.count)
            for group in groups {
                writer.u8((group.op == .and ? 1 : 0) | (group.negate ? 2 : 0))
                writer.range(group.members)
            }
        }
        writer.count(entries.count)
        for entry in entries { writer.u32(UInt32(entry.criterion) | (entry.vulnerable ? 1 << 31 : 0)) }
        writer.numbers(simpleUses.offsets)
        writer.count(simpleUses.targets.count)
        for use in simpleUses.targets {
            writer.u32(UInt32(use.cve))
            writer.u32(UInt32(use.configuration))
        }
        writer.numbers(conditionCriteria.indices.filter { conditionCriteria[$0] }.map { Int32($0) })
        writer.count(placements.count)
        for placement in placements {
            writer.u32(UInt32(placement.criterion))
            writer.u32(UInt32(placement.node) | (placement.vulnerable ? 1 << 31 : 0))
        }
        // Criterion → the host-dependent CVEs holding it, once each: what a selective load follows besides
        // `simpleUses` (the full load rebuilds `occurrences` from the placements instead).
        var offsets: [Int32] = [0]
        var targets: [Int32] = []
        for criterion in criteria.indices {
            targets += hostDependentCVEs(holding: Int32(criterion))
            offsets.append(Int32(targets.count))
        }
        writer.numbers(offsets)
        writer.numbers(targets)
    }

    init(decoding reader: inout ByteReader) throws(SnapshotError) {
        var criteria: [CompiledCriterion] = []
        let criterionCount = try reader.count(minimumSize: 15)
        criteria.reserveCapacity(criterionCount)
        try reader.skip(8)
        for _ in 0..<criterionCount { criteria.append(try reader.criterion()) }
        try reader.skip(4 * criterionCount)
        var buckets: [ProductKey: Bucket] = [:]
        let bucketCount = try reader.count(minimumSize: 16)
        buckets.reserveCapacity(bucketCount)
        try reader.skip(8)
        for _ in 0..<bucketCount {
            let (key, bucket) = try reader.bucket(criterionCount: criterionCount)
            buckets[key] = bucket
        }
        try reader.skip(4 * bucketCount)
        let wildcardCriteria = try reader.numbers(below: criterionCount)
        var cves: [CompiledCVE] = []
        let cveCount = try reader.count(minimumSize: 20)
        cves.reserveCapacity(cveCount)
        for _ in 0..<cveCount {
            let id = CVEID(year: try reader.u16(), number: try reader.u32())
            let configurations = try reader.range()
            let placements = try reader.range()
            var cve = CompiledCVE(
                id: id,
                configurations: configurations,
                source: try reader.provenance(),
                isSimple: try reader.bool()
            )
            cve.placements = placements
            cves.append(cve)
        }
        let configurations = try reader.groups()
        let nodes = try reader.groups()
        var entries: [NodeEntry] = []
        let entryCount = try reader.count(minimumSize: 4)
        entries.reserveCapacity(entryCount)
        for _ in 0..<entryCount {
            let start = reader.offset
            let packed = try reader.u32()
            let criterion = Int32(packed & ~(1 << 31))
            guard Int(criterion) < criterionCount else {
                throw SnapshotError(offset: start, reason: "criterion \(criterion) out of range")
            }
            entries.append(NodeEntry(criterion: criterion, vulnerable: packed & (1 << 31) != 0))
        }
        let simpleOffsets = try reader.numbers()
        var simpleTargets: [SimpleUse] = []
        let simpleCount = try reader.count(minimumSize: 8)
        simpleTargets.reserveCapacity(simpleCount)
        for _ in 0..<simpleCount {
            let start = reader.offset
            let use = SimpleUse(
                cve: Int32(bitPattern: try reader.u32()), configuration: Int32(bitPattern: try reader.u32()))
            guard use.cve >= 0, Int(use.cve) < cveCount, use.configuration >= 0 else {
                throw SnapshotError(offset: start, reason: "a simple use points outside the CVE table")
            }
            simpleTargets.append(use)
        }
        let simpleUses = Adjacency(offsets: simpleOffsets, targets: simpleTargets)
        var conditionCriteria = [Bool](repeating: false, count: criterionCount)
        for criterion in try reader.numbers(below: criterionCount) { conditionCriteria[Int(criterion)] = true }
        var placements: [Placement] = []
        let placementCount = try reader.count(minimumSize: 8)
        placements.reserveCapacity(placementCount)
        for _ in 0..<placementCount {
            let start = reader.offset
            let criterion = Int32(bitPattern: try reader.u32())
            let packed = try reader.u32()
            let node = Int32(packed & ~(1 << 31))
            guard criterion >= 0, Int(criterion) < criterionCount, Int(node) < nodes.count else {
                throw SnapshotError(offset: start, reason: "a placement points outside its tables")
            }
            placements.append(Placement(criterion: criterion, node: node, vulnerable: packed & (1 << 31) != 0))
        }
        guard simpleUses.offsets.count == criterionCount + 1 else {
            throw SnapshotError(offset: reader.offset, reason: "use lists do not cover every criterion")
        }
        _ = try reader.numbers()
        _ = try reader.numbers()
        try Self.checkRanges(cves.map(\.configurations), within: configurations.count, at: reader.offset)
        try Self.checkRanges(cves.map(\.placements), within: placements.count, at: reader.offset)
        try Self.checkRanges(configurations.map(\.members), within: nodes.count, at: reader.offset)
        try Self.checkRanges(nodes.map(\.members), within: entries.count, at: reader.offset)
        self.init(
            criteria: criteria,
            buckets: buckets,
            wildcardCriteria: wildcardCriteria,
            cves: cves,
            configurations: configurations,
            nodes: nodes,
            entries: entries,
            simpleUses: simpleUses,
            conditionCriteria: conditionCriteria,
            placements: placements
        )
    }

    static func checkRanges(_ ranges: [Range<Int32>], within count: Int, at offset: Int) throws(SnapshotError) {
        guard ranges.allSatisfy({ $0.lowerBound >= 0 && Int($0.upperBound) <= count }) else {
            throw SnapshotError(offset: offset, reason: "a compiled range points outside its table")
        }
    }
}

extension ByteWriter {
    /// Ends a section of records: its length goes where `reserveU64` kept room, each record's start (from the
    /// section's data) after it.
    mutating func endSection(lengthAt position: Int, starts: [Int]) {
        let data = position + 8
        setU64(UInt64(bytes.count - data), at: position)
        for start in starts { u32(UInt32(start - data)) }
    }
}

extension ByteReader {
    mutating func criterion() throws(SnapshotError) -> CompiledCriterion {
        let text = try reference()
        let version = try value()
        var range: VersionRange?
        if try bool() {
            range = VersionRange(start: try bound(), end: try bound(), malformation: try optionalReference())
        }
        return CompiledCriterion(
            text: text,
            version: version,
            range: range,
            constrained: try constraints(),
            openProduct: try constraints()
        )
    }

    mutating func bucket(criterionCount: Int) throws(SnapshotError) -> (ProductKey, MatchIndex.Bucket) {
        let key = ProductKey(text: try reference())
        var exact: [String: [Int32]] = [:]
        let exactCount = try count(minimumSize: 8)
        exact.reserveCapacity(exactCount)
        for _ in 0..<exactCount { exact[try reference()] = try numbers(below: criterionCount) }
        return (key, MatchIndex.Bucket(exact: exact, other: try numbers(below: criterionCount)))
    }
}
