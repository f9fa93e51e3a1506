import CPE
import Versioning
import VulnModel

/// Every match criterion of the knowledge base, deduplicated, parsed once and keyed by
/// `part:vendor:product`; and every CVE's configurations compiled to refer to the criteria by number.
public struct MatchIndex: Sendable {
    let criteria: [CompiledCriterion]
    let buckets: [ProductKey: Bucket]
    /// Criteria whose part, vendor or product is ANY or a wildcard pattern: checked against every item.
    let wildcardCriteria: [Int32]
    let cves: [CompiledCVE]
    /// Criterion → CVEs whose findings follow from the item alone (see `CompiledCVE.isSimple`).
    let simpleUses: [[Int32]]
    /// Criterion → CVEs that need the whole host to decide (AND, negate, platform criteria).
    let complexUses: [[Int32]]
    /// Malformed criteria, each naming the CVE and the document it came from.
    public let diagnostics: [Diagnostic]

    public var criterionCount: Int { criteria.count }
    public var cveCount: Int { cves.count }
    public var productCount: Int { buckets.count }

    /// Criteria of one product: exact-version criteria by normalised version, the rest in a list.
    struct Bucket: Sendable {
        var exact: [String: [Int32]] = [:]
        var other: [Int32] = []
    }

    public init(knowledgeBase: KnowledgeBase) {
        // Criteria number about a fifth of all criterion occurrences in real data; reserve for that.
        var builder = Builder(expectedCriteria: knowledgeBase.records.count * 2)
        for id in knowledgeBase.records.keys.sorted() {
            guard let record = knowledgeBase.records[id], record.status != .rejected else { continue }
            builder.add(record)
        }
        self = builder.finish()
    }

    init(
        criteria: [CompiledCriterion],
        buckets: [ProductKey: Bucket],
        wildcardCriteria: [Int32],
        cves: [CompiledCVE],
        diagnostics: [Diagnostic]
    ) {
        self.criteria = criteria
        self.buckets = buckets
        self.wildcardCriteria = wildcardCriteria
        self.cves = cves
        self.diagnostics = diagnostics
        var simple = [[Int32]](repeating: [], count: criteria.count)
        var complex = [[Int32]](repeating: [], count: criteria.count)
        for (index, cve) in cves.enumerated() {
            var seen = Set<Int32>()
            for configuration in cve.configurations {
                for node in configuration.nodes {
                    for criterion in node.criteria where seen.insert(criterion).inserted {
                        if cve.isSimple {
                            simple[Int(criterion)].append(Int32(index))
                        } else {
                            complex[Int(criterion)].append(Int32(index))
                        }
                    }
                }
            }
        }
        simpleUses = simple
        complexUses = complex
    }

    /// Criteria that `item` satisfies or may satisfy, with the state of each.
    func hits(for item: InventoryItem) -> [(criterion: Int32, state: MatchState)] {
        var result: [(criterion: Int32, state: MatchState)] = []
        if let bucket = buckets[item.key] {
            if let version = item.version {
                for criterion in bucket.exact[Self.exactKey(version.raw)] ?? [] {
                    let state = criteria[Int(criterion)].evaluate(item, checksProduct: false)
                    if state != .no { result.append((criterion, state)) }
                }
            } else {
                // An item without a version may match any exact-version criterion: indeterminately.
                for criteria in bucket.exact.values {
                    for criterion in criteria {
                        let state = self.criteria[Int(criterion)].evaluate(item, checksProduct: false)
                        if state != .no { result.append((criterion, state)) }
                    }
                }
            }
            for criterion in bucket.other {
                let state = criteria[Int(criterion)].evaluate(item, checksProduct: false)
                if state != .no { result.append((criterion, state)) }
            }
        }
        for criterion in wildcardCriteria {
            let state = criteria[Int(criterion)].evaluate(item, checksProduct: true)
            if state != .no { result.append((criterion, state)) }
        }
        return result
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

/// A CVE's configurations with criteria replaced by their index numbers.
struct CompiledCVE: Sendable {
    struct Node: Sendable {
        let op: BooleanOperator
        let negate: Bool
        let criteria: [Int32]
        let vulnerable: [Bool]
    }

    struct Configuration: Sendable {
        let op: BooleanOperator
        let negate: Bool
        let nodes: [Node]
    }

    let id: CVEID
    let configurations: [Configuration]
    let source: Provenance
    /// True when every configuration is a disjunction of vulnerable criteria with no negation: then an item
    /// is affected by its own hits alone, whatever else the host runs, and results can be cached per item.
    let isSimple: Bool
}
