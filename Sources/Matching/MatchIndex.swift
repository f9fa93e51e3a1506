import CPE
import Versioning
import VulnModel

/// Every match criterion of the knowledge base, deduplicated, parsed once and keyed by
/// `part:vendor:product`; and every CVE's configurations compiled into flat arrays that refer to criteria by
/// number (a few large arrays instead of millions of small ones: the index of the whole NVD stays compact).
public struct MatchIndex: Sendable {
    package let criteria: [CompiledCriterion]
    package let buckets: [ProductKey: Bucket]
    /// Criteria whose part, vendor or product is ANY or a wildcard pattern: checked against every item.
    package let wildcardCriteria: [Int32]
    package let cves: [CompiledCVE]
    package let configurations: [CompiledGroup]
    package let nodes: [CompiledGroup]
    package let entries: [NodeEntry]
    /// Criterion → CVEs whose findings follow from the item alone (see `CompiledCVE.isSimple`), with the
    /// configuration the criterion sits in, so evidence needs no search.
    package let simpleUses: Adjacency<SimpleUse>
    /// Criteria that gate another node's vulnerable criteria in some host-dependent CVE: the other nodes of an
    /// AND configuration, the other members of an AND node. Items hitting them are a host's condition providers.
    package let conditionCriteria: [Bool]
    /// Where each criterion of a host-dependent CVE sits, sorted by criterion within each CVE
    /// (`CompiledCVE.placements`): evaluation visits the few criteria a host hits, not every criterion.
    package let placements: [Placement]
    /// Criterion → its places in host-dependent CVEs, in CVE order: the same facts as `placements`, keyed the
    /// other way, so an item finds every such CVE it touches without a search.
    let occurrences: Adjacency<Occurrence>
    /// CVE number → the distinct condition criteria of that host-dependent CVE (usually one to three), ascending,
    /// each with its run of `placements`.
    let cveConditions: Adjacency<CVECondition>
    /// Malformed criteria, each naming the CVE and the document it came from.
    public let diagnostics: [Diagnostic]

    public var criterionCount: Int { criteria.count }
    public var cveCount: Int { cves.count }
    public var productCount: Int { buckets.count }
    /// CVEs that need the host's other items to decide (AND of nodes, platform criteria, negation).
    public var hostDependentCVECount: Int { cves.count { !$0.isSimple } }

    /// Criteria of one product: exact-version criteria by normalised version, the rest in a list.
    package struct Bucket: Sendable {
        package var exact: [String: [Int32]] = [:]
        package var other: [Int32] = []

        package init(exact: [String: [Int32]] = [:], other: [Int32] = []) {
            self.exact = exact
            self.other = other
        }
    }

    public init(knowledgeBase: KnowledgeBase) {
        // Distinct criteria number about a fifth of all criterion occurrences in real data; reserve for that.
        var builder = Builder(expectedCriteria: knowledgeBase.records.count * 2)
        for id in knowledgeBase.records.keys.sorted() {
            guard let record = knowledgeBase.records[id], record.status != .rejected else { continue }
            builder.add(record)
        }
        self = builder.finish()
    }

    /// An index from its parts (the builder's, or a snapshot's).
    package init(
        criteria: [CompiledCriterion],
        buckets: [ProductKey: Bucket],
        wildcardCriteria: [Int32],
        cves: [CompiledCVE],
        configurations: [CompiledGroup],
        nodes: [CompiledGroup],
        entries: [NodeEntry],
        simpleUses: Adjacency<SimpleUse>,
        conditionCriteria: [Bool],
        placements: [Placement],
        diagnostics: [Diagnostic] = []
    ) {
        self.criteria = criteria
        self.buckets = buckets
        self.wildcardCriteria = wildcardCriteria
        self.cves = cves
        self.configurations = configurations
        self.nodes = nodes
        self.entries = entries
        self.simpleUses = simpleUses
        self.conditionCriteria = conditionCriteria
        self.placements = placements
        var pairs: [(Int32, Occurrence)] = []
        pairs.reserveCapacity(placements.count)
        for (number, cve) in cves.enumerated() where !cve.isSimple {
            for placement in placements[cve.placements] {
                pairs.append(
                    (
                        placement.criterion,
                        Occurrence(cve: Int32(number), node: placement.node, vulnerable: placement.vulnerable)
                    )
                )
            }
        }
        occurrences = Adjacency(count: criteria.count, pairs: pairs)
        var conditions: [(Int32, CVECondition)] = []
        for (number, cve) in cves.enumerated() where !cve.isSimple {
            // Placements are sorted by criterion within a CVE: each condition criterion is one run of them.
            var position = cve.placements.lowerBound
            while position < cve.placements.upperBound {
                let criterion = placements[Int(position)].criterion
                var end = position + 1
                while end < cve.placements.upperBound, placements[Int(end)].criterion == criterion { end += 1 }
                if conditionCriteria[Int(criterion)] {
                    conditions.append((Int32(number), CVECondition(criterion: criterion, placements: position..<end)))
                }
                position = end
            }
        }
        cveConditions = Adjacency(count: cves.count, pairs: conditions)
        self.diagnostics = diagnostics
    }

    /// The criteria that each item satisfies or may satisfy, with the state of each, per item in a fixed order
    /// (exact-version criteria, the product's other criteria, wildcard criteria). Items of one product are checked
    /// criterion by criterion: a criterion is fetched once for all of them, and cores checking different items do not
    /// keep passing its reference count back and forth.
    func hits(for items: ArraySlice<InventoryItem>) -> [[(criterion: Int32, state: MatchState)]] {
        var result = [[(criterion: Int32, state: MatchState)]](repeating: [], count: items.count)
        var groups: [ProductKey: [Int]] = [:]
        for (position, item) in zip(0..., items) { groups[item.key, default: []].append(position) }
        let items = Array(items)
        for (key, members) in groups {
            guard let bucket = buckets[key] else { continue }
            for position in members {
                let item = items[position]
                if let version = item.version {
                    for criterion in bucket.exact[Self.exactKey(version.raw)] ?? [] {
                        Self.check(criteria[Int(criterion)], criterion, item, into: &result[position])
                    }
                } else {
                    // An item without a version may match any exact-version criterion: indeterminately. In criterion
                    // order, not the dictionary's, which differs from one process and one index to the next (a
                    // selective load's numbers keep the whole index's order).
                    for criterion in bucket.exact.values.joined().sorted() {
                        Self.check(criteria[Int(criterion)], criterion, item, into: &result[position])
                    }
                }
            }
            for criterion in bucket.other {
                let compiled = criteria[Int(criterion)]
                for position in members { Self.check(compiled, criterion, items[position], into: &result[position]) }
            }
        }
        for criterion in wildcardCriteria {
            let compiled = criteria[Int(criterion)]
            for position in items.indices { Self.check(compiled, criterion, items[position], into: &result[position]) }
        }
        return result
    }

    /// The host-dependent CVEs holding a criterion, each once, in CVE order.
    package func hostDependentCVEs(holding criterion: Int32) -> [Int32] {
        var result: [Int32] = []
        for occurrence in occurrences[criterion] where occurrence.cve != result.last { result.append(occurrence.cve) }
        return result
    }

    private static func check(
        _ compiled: CompiledCriterion,
        _ criterion: Int32,
        _ item: InventoryItem,
        into hits: inout [(criterion: Int32, state: MatchState)]
    ) {
        let state = compiled.evaluate(item)
        if state != .no { hits.append((criterion, state)) }
    }

    /// The exact-version bucket key: lower-cased, trailing all-zero segments dropped (`1.0.0` ≡ `1.0` ≡ `1`),
    /// so that versions the comparator calls equal land in the same bucket; the comparator then confirms.
    static func exactKey(_ version: String) -> String {
        var segments = version.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        while segments.count > 1, let last = segments.last, !last.isEmpty, last.allSatisfy({ $0 == "0" }) {
            segments.removeLast()
        }
        return segments.joined(separator: ".")
    }
}

/// A criterion's use in a simple CVE: the CVE's number and the position of the first configuration holding it.
package struct SimpleUse: Sendable {
    package let cve: Int32
    package let configuration: Int32

    package init(cve: Int32, configuration: Int32) {
        self.cve = cve
        self.configuration = configuration
    }
}

/// A CVE whose configurations are ranges of the index's flat arrays. CVEs are numbered in ascending CVE
/// order, so comparing numbers orders CVEs.
package struct CompiledCVE: Sendable {
    package let id: CVEID
    package let configurations: Range<Int32>
    /// Host-dependent CVEs only: the range of `MatchIndex.placements` holding this CVE's criteria.
    package var placements: Range<Int32> = 0..<0
    package let source: Provenance
    /// True when every configuration is a disjunction of vulnerable criteria with no negation: then an item
    /// is affected by its own hits alone, whatever else the host runs, and results can be cached per item.
    package let isSimple: Bool

    package init(id: CVEID, configurations: Range<Int32>, source: Provenance, isSimple: Bool) {
        self.id = id
        self.configurations = configurations
        self.source = source
        self.isSimple = isSimple
    }
}

/// A criterion's place in a host-dependent CVE: the node (an index into `MatchIndex.nodes`) and whether it is
/// vulnerable there.
package struct Placement: Sendable {
    package let criterion: Int32
    package let node: Int32
    package let vulnerable: Bool

    package init(criterion: Int32, node: Int32, vulnerable: Bool) {
        self.criterion = criterion
        self.node = node
        self.vulnerable = vulnerable
    }
}

/// A condition criterion of a host-dependent CVE and where it sits in the CVE's placements.
struct CVECondition: Sendable {
    let criterion: Int32
    let placements: Range<Int32>
}

/// A criterion's place in a host-dependent CVE, seen from the criterion.
struct Occurrence: Sendable {
    let cve: Int32
    let node: Int32
    let vulnerable: Bool
}

/// A configuration (its members are nodes) or a node (its members are entries): an operator over a range of
/// the next table, optionally negated.
package struct CompiledGroup: Sendable {
    package let op: BooleanOperator
    package let negate: Bool
    package let members: Range<Int32>

    package init(op: BooleanOperator, negate: Bool, members: Range<Int32>) {
        self.op = op
        self.negate = negate
        self.members = members
    }
}

package struct NodeEntry: Sendable {
    package let criterion: Int32
    package let vulnerable: Bool

    package init(criterion: Int32, vulnerable: Bool) {
        self.criterion = criterion
        self.vulnerable = vulnerable
    }
}

/// A compressed adjacency list (CSR): for each source number, a slice of targets.
package struct Adjacency<Target: Sendable>: Sendable {
    package let offsets: [Int32]
    package let targets: [Target]

    package init(offsets: [Int32], targets: [Target]) {
        self.offsets = offsets
        self.targets = targets
    }

    init(count: Int, pairs: [(Int32, Target)]) {
        var offsets = [Int32](repeating: 0, count: count + 1)
        for (source, _) in pairs { offsets[Int(source) + 1] += 1 }
        for index in 0..<count { offsets[index + 1] += offsets[index] }
        var next = offsets
        var targets = [Target?](repeating: nil, count: pairs.count)
        for (source, target) in pairs {
            targets[Int(next[Int(source)])] = target
            next[Int(source)] += 1
        }
        self.offsets = offsets
        self.targets = targets.compactMap { $0 }
    }

    /// Inlined: a call per look-up was a twentieth of evaluating host-dependent CVEs.
    @inline(__always)
    subscript(source: Int32) -> ArraySlice<Target> {
        targets[Int(offsets[Int(source)])..<Int(offsets[Int(source) + 1])]
    }
}

extension Array {
    subscript(range: Range<Int32>) -> ArraySlice<Element> { self[Int(range.lowerBound)..<Int(range.upperBound)] }
}
