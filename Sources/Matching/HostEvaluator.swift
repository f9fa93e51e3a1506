import VulnModel

/// A condition criterion and the best state in which a host's other items meet it.
struct ConditionState: Hashable {
    let criterion: Int32
    let state: MatchState
}

/// Evaluates the CVEs whose configurations need more than one item (AND of nodes, negation, "running on/with"
/// platform criteria) for a host's items.
///
/// An item's findings from such CVEs depend on the item and on the host's *condition providers* only: the
/// items that hit criteria gating another node's vulnerable criteria (`MatchIndex.conditionCriteria`, mostly
/// operating systems, hardware and the generic platform names they imply). Alternatives in an OR never change
/// an item's status. So outcomes are computed once per (item, condition providers) and shared by every host
/// with that pair: a nation of PCs built from a few images costs a few thousand evaluations, not millions.
struct HostEvaluator {
    let index: MatchIndex
    let items: [InventoryItem]
    let itemMatches: [ItemMatch]
    private var cache: [Context: Int32] = [:]
    private var evaluator: CVEEvaluator
    /// Per trigger item: the condition criteria of the host-dependent CVEs it may be vulnerable to.
    private var conditionsByItem: [Int32: [Int32]] = [:]
    /// Per outcome: one item's findings from host-dependent CVEs, in CVE order (never empty).
    private(set) var outcomes: [[LocalFinding]] = []

    /// An item and the states in which the host's other items meet its candidate CVEs' conditions: everything
    /// its outcome depends on. Which items met them is resolved per host when findings are written out.
    private struct Context: Hashable {
        let item: Int32
        let conditions: [ConditionState]
    }

    /// The item number that stands for "another item of the host" in shared outcomes.
    static let provider: Int32 = -1

    /// A platform hit list is evidence, not an inventory: a few per node are enough to show why.
    static let platformEvidenceLimit = 3

    init(index: MatchIndex, items: [InventoryItem], itemMatches: [ItemMatch]) {
        self.index = index
        self.items = items
        self.itemMatches = itemMatches
        evaluator = CVEEvaluator(index: index)
    }

    /// The outcomes of a host with these (distinct) items: (item, outcome number) for items with findings.
    mutating func outcomes(for hostItems: [Int32]) -> [(item: Int32, outcome: Int32)] {
        // The host's condition hits once, so each item only looks up its own few condition criteria.
        var providersByCondition: [Int32: [(item: Int32, state: MatchState)]] = [:]
        for provider in hostItems where itemMatches[Int(provider)].providesConditions {
            for hit in itemMatches[Int(provider)].hits where index.conditionCriteria[Int(hit.criterion)] {
                providersByCondition[hit.criterion, default: []].append((provider, hit.state))
            }
        }
        var result: [(item: Int32, outcome: Int32)] = []
        for item in hostItems where !items[Int(item)].isImplied && itemMatches[Int(item)].triggersComplex {
            var conditions: [ConditionState] = []
            for condition in conditionCriteria(of: item) {
                let best = providersByCondition[condition]?.filter { $0.item != item }
                    .max { $0.state.strength < $1.state.strength }
                if let best { conditions.append(ConditionState(criterion: condition, state: best.state)) }
            }
            let context = Context(item: item, conditions: conditions)
            let outcome: Int32
            if let known = cache[context] {
                outcome = known
            } else {
                let findings = evaluate(item, conditions: conditions)
                outcome = findings.isEmpty ? -1 : Int32(outcomes.count)
                if !findings.isEmpty { outcomes.append(findings) }
                cache[context] = outcome
            }
            if outcome >= 0 { result.append((item, outcome)) }
        }
        return result
    }

    /// The findings of `item` from the host-dependent CVEs it may be vulnerable to, given the conditions met.
    private mutating func evaluate(_ item: Int32, conditions: [ConditionState]) -> [LocalFinding] {
        let match = itemMatches[Int(item)]
        let touches = match.complexTouches
        var findings: [LocalFinding] = []
        var start = 0
        while start < touches.count {
            var end = start
            var vulnerable = false
            while end < touches.count, touches[end].cve == touches[start].cve {
                vulnerable = vulnerable || touches[end].vulnerable
                end += 1
            }
            if vulnerable,
                let finding = evaluator.finding(
                    cve: touches[start].cve,
                    item: item,
                    itemTouches: touches[start..<end],
                    states: match.hits,
                    conditions: conditions
                )
            {
                findings.append(finding)
            }
            start = end
        }
        return findings
    }

    /// The condition criteria of every host-dependent CVE `item` may be vulnerable to; computed once per item.
    private mutating func conditionCriteria(of item: Int32) -> [Int32] {
        if let known = conditionsByItem[item] { return known }
        var conditions = Set<Int32>()
        var previous: Int32 = -1
        for touch in itemMatches[Int(item)].complexTouches where touch.vulnerable && touch.cve != previous {
            previous = touch.cve
            for placement in index.placements[index.cves[Int(touch.cve)].placements]
            where index.conditionCriteria[Int(placement.criterion)] {
                conditions.insert(placement.criterion)
            }
        }
        let sorted = conditions.sorted()
        conditionsByItem[item] = sorted
        return sorted
    }
}

extension Array where Element: Equatable {
    /// Removes adjacent duplicates (all duplicates, when sorted).
    fileprivate mutating func removeDuplicates() {
        var kept = 0
        for index in indices where kept == 0 || self[kept - 1] != self[index] {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }
}
