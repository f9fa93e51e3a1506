import Matching
import VulnModel

/// A selective load: the part of a snapshot's index that matching rows of some products can reach, renumbered.
/// Criteria and CVEs keep their relative order (numbers only shrink), so every order that matching derives from
/// them — hits, evidence, findings — is the one the whole index gives.
extension MatchIndex {
    /// The reachable part of the products' buckets and the wildcard criteria seed the selection (exact-version
    /// criteria of versions no item names are left out with their CVEs); every CVE in which a seed is a vulnerable
    /// criterion comes whole (all configurations, nodes, entries and placements), with every criterion it names,
    /// so that conditions on products outside the set evaluate as they do in the whole index (no item can hit them).
    static func select(
        reach: ProductReach, sections: IndexSections, reader: ByteReader
    ) throws(SnapshotError) -> MatchIndex {
        var chosen: [(ProductKey, Bucket)] = []
        for (product, versions) in reach.products {
            guard let position = try sections.bucket(named: product, reader) else { continue }
            var cursor = reader.at(position)
            var (key, bucket) = try cursor.bucket(criterionCount: sections.criterionCount)
            if !versions.all { bucket.exact = bucket.exact.filter { versions.keys.contains($0.key) } }
            chosen.append((key, bucket))
        }
        // Flags and numbers in arrays as long as the whole index's tables: a few hundred kilobytes, cheaper than
        // hashing the tens of thousands of numbers a selection holds.
        var seeds = [Int32](sections.wildcard)
        for (_, bucket) in chosen {
            for numbers in bucket.exact.values { seeds += numbers }
            seeds += bucket.other
        }
        var reached = [Bool](repeating: false, count: sections.cves.count)
        for criterion in seeds {
            for use in try sections.simpleUses(of: criterion, reader) { reached[Int(use.cve)] = true }
            // A host-dependent CVE in which the criterion is only a condition ("running on") has no finding for the
            // items: its vulnerable criteria lie elsewhere, and are seeds themselves when an item can hit them.
            for cve in try sections.hostDependentCVEs(of: criterion, reader)
            where try sections.isVulnerable(criterion, in: cve, reader) {
                reached[Int(cve)] = true
            }
        }
        var copy = Copy(sections: sections, reader: reader)
        for criterion in seeds { copy.needed[Int(criterion)] = true }
        let candidates = copy.needed
        for old in reached.indices where reached[old] { try copy.cve(Int32(old)) }
        var oldCriteria: [Int32] = []
        var renumbered = [Int32](repeating: -1, count: sections.criterionCount)
        for old in copy.needed.indices where copy.needed[old] {
            renumbered[old] = Int32(oldCriteria.count)
            oldCriteria.append(Int32(old))
        }
        func number(_ old: Int32) throws(SnapshotError) -> Int32 {
            let new = renumbered[Int(old)]
            guard new >= 0 else {
                throw SnapshotError(offset: sections.criteria, reason: "criterion \(old) was not selected")
            }
            return new
        }
        func numbers(_ old: [Int32]) throws(SnapshotError) -> [Int32] {
            var result: [Int32] = []
            result.reserveCapacity(old.count)
            for criterion in old { result.append(try number(criterion)) }
            return result
        }
        var criteria: [CompiledCriterion] = []
        var simpleOffsets: [Int32] = [0]
        var simpleTargets: [SimpleUse] = []
        var conditionCriteria: [Bool] = []
        criteria.reserveCapacity(oldCriteria.count)
        for old in oldCriteria {
            // Only the seeds can be hit: the other criteria the chosen CVEs name (conditions on other products,
            // other versions' exact criteria) are never evaluated or shown, and a stand-in takes their place.
            criteria.append(candidates[Int(old)] ? try sections.criterion(old, reader) : CompiledCriterion.unreachable)
            for use in try sections.simpleUses(of: old, reader) {
                let cve = copy.cveNumbers[Int(use.cve)]
                guard cve >= 0 else { continue }
                // A simple use names its configuration by position within the CVE: no renumbering.
                guard Int(use.configuration) < copy.cves[Int(cve)].configurations.count else {
                    throw SnapshotError(
                        offset: sections.simpleTargets.start, reason: "a simple use lies outside its CVE")
                }
                simpleTargets.append(SimpleUse(cve: cve, configuration: use.configuration))
            }
            simpleOffsets.append(Int32(simpleTargets.count))
        }
        // Both lists ascend: one merging pass instead of a binary search per criterion.
        var condition = 0
        for old in oldCriteria {
            while condition < sections.conditions.count, try sections.condition(at: condition, reader) < old {
                condition += 1
            }
            let count = sections.conditions.count
            conditionCriteria.append(condition < count ? try sections.condition(at: condition, reader) == old : false)
        }
        var buckets: [ProductKey: Bucket] = [:]
        for (key, bucket) in chosen {
            var exact: [String: [Int32]] = [:]
            for (version, old) in bucket.exact { exact[version] = try numbers(old) }
            buckets[key] = Bucket(exact: exact, other: try numbers(bucket.other))
        }
        var entries: [NodeEntry] = []
        entries.reserveCapacity(copy.entries.count)
        for entry in copy.entries {
            entries.append(NodeEntry(criterion: try number(entry.criterion), vulnerable: entry.vulnerable))
        }
        var placements: [Placement] = []
        placements.reserveCapacity(copy.placements.count)
        for placement in copy.placements {
            placements.append(
                Placement(
                    criterion: try number(placement.criterion), node: placement.node, vulnerable: placement.vulnerable)
            )
        }
        return MatchIndex(
            criteria: criteria,
            buckets: buckets,
            wildcardCriteria: try numbers(sections.wildcard),
            cves: copy.cves,
            configurations: copy.configurations,
            nodes: copy.nodes,
            entries: entries,
            simpleUses: Adjacency(offsets: simpleOffsets, targets: simpleTargets),
            conditionCriteria: conditionCriteria,
            placements: placements
        )
    }

    /// The selected CVEs copied table by table, with configurations and nodes renumbered as they are appended;
    /// entries and placements keep the whole index's criterion numbers until every needed criterion is known.
    private struct Copy {
        let sections: IndexSections
        let reader: ByteReader
        /// Criteria the selection needs, by the whole index's number.
        var needed: [Bool]
        var cves: [CompiledCVE] = []
        var configurations: [CompiledGroup] = []
        var nodes: [CompiledGroup] = []
        var entries: [NodeEntry] = []
        var placements: [Placement] = []
        /// Old CVE number → new, or -1.
        var cveNumbers: [Int32]
        /// Sources by their string numbers (kind, document, provider).
        private var sources: [SIMD3<UInt32>: Provenance] = [:]
        /// The CVE under copy: the first old node of each of its configurations and that node's new number.
        private var nodeStarts: [(old: Range<Int32>, new: Int32)] = []

        init(sections: IndexSections, reader: ByteReader) {
            self.sections = sections
            self.reader = reader
            needed = [Bool](repeating: false, count: sections.criterionCount)
            cveNumbers = [Int32](repeating: -1, count: sections.cves.count)
        }

        mutating func cve(_ old: Int32) throws(SnapshotError) {
            var cursor = reader.at(sections.cves.start + IndexSections.cveWidth * Int(old))
            let id = CVEID(year: try cursor.u16(), number: try cursor.u32())
            let oldConfigurations = try cursor.range()
            let oldPlacements = try cursor.range()
            // A few dozen documents are the sources of every CVE: each source's strings are decoded once.
            let numbers = SIMD3(
                try reader.u32(at: cursor.offset), try reader.u32(at: cursor.offset + 4),
                try reader.u32(at: cursor.offset + 8))
            let source: Provenance
            if let known = sources[numbers] {
                source = known
                try cursor.skip(12)
            } else {
                source = try cursor.provenance()
                sources[numbers] = source
            }
            let isSimple = try cursor.bool()
            let firstConfiguration = Int32(configurations.count)
            nodeStarts.removeAll(keepingCapacity: true)
            for number in oldConfigurations {
                let configuration = try sections.group(sections.configurations, number, reader)
                let firstNode = Int32(nodes.count)
                nodeStarts.append((configuration.members, firstNode))
                for nodeNumber in configuration.members {
                    let node = try sections.group(sections.nodes, nodeNumber, reader)
                    let firstEntry = Int32(entries.count)
                    for entryNumber in node.members {
                        let entry = try sections.entry(entryNumber, reader)
                        needed[Int(entry.criterion)] = true
                        entries.append(entry)
                    }
                    nodes.append(
                        CompiledGroup(op: node.op, negate: node.negate, members: firstEntry..<Int32(entries.count)))
                }
                configurations.append(
                    CompiledGroup(
                        op: configuration.op, negate: configuration.negate, members: firstNode..<Int32(nodes.count))
                )
            }
            let firstPlacement = Int32(placements.count)
            for number in oldPlacements {
                let placement = try sections.placement(number, reader)
                guard let start = nodeStarts.first(where: { $0.old.contains(placement.node) }) else {
                    throw SnapshotError(offset: sections.placements.start, reason: "a placement lies outside its CVE")
                }
                let node = start.new + placement.node - start.old.lowerBound
                needed[Int(placement.criterion)] = true
                placements.append(
                    Placement(criterion: placement.criterion, node: node, vulnerable: placement.vulnerable))
            }
            var compiled = CompiledCVE(
                id: id,
                configurations: firstConfiguration..<Int32(configurations.count),
                source: source,
                isSimple: isSimple
            )
            compiled.placements = firstPlacement..<Int32(placements.count)
            cveNumbers[Int(old)] = Int32(cves.count)
            cves.append(compiled)
        }
    }
}
