/// A condition criterion and the best state in which a host's other items meet it.
struct ConditionState: Hashable, Sendable {
    let criterion: Int32
    let state: MatchState
}

/// An item and the states in which its host's other items meet the conditions of the host-dependent CVEs it may
/// be vulnerable to: everything the item's findings from those CVEs depend on. Which items met the conditions is
/// resolved per host when findings are written out.
struct EvaluationContext: Hashable, Sendable {
    let item: Int32
    let conditions: [ConditionState]
}

/// Collects, host by host, the distinct evaluation contexts of their items.
///
/// The CVEs whose configurations need more than one item (AND of nodes, negation, "running on/with" platform
/// criteria) give an item findings that depend only on the item and on the conditions met by the host's other
/// items (`MatchIndex.conditionCriteria`: mostly operating systems, hardware and the generic platform names they
/// imply). Alternatives in an OR never change an item's status. So hosts built from a few images share a few
/// thousand contexts; each is evaluated once (`ContextEvaluator`), and the work splits cleanly over cores.
struct HostContexts {
    let index: MatchIndex
    let items: [InventoryItem]
    let itemMatches: [ItemMatch]
    private var numbers: [EvaluationContext: Int32] = [:]
    private(set) var contexts: [EvaluationContext] = []

    init(index: MatchIndex, items: [InventoryItem], itemMatches: [ItemMatch]) {
        self.index = index
        self.items = items
        self.itemMatches = itemMatches
    }

    /// The contexts of a host with these (distinct) items: (item, context number) for items that may have
    /// findings from host-dependent CVEs.
    mutating func contexts(for hostItems: [Int32]) -> [(item: Int32, context: Int32)] {
        // The host's condition hits once, so each item only looks up its own few condition criteria.
        var providersByCondition: [Int32: [(item: Int32, state: MatchState)]] = [:]
        for provider in hostItems {
            for hit in itemMatches[Int(provider)].conditionHits {
                providersByCondition[hit.criterion, default: []].append((provider, hit.state))
            }
        }
        var result: [(item: Int32, context: Int32)] = []
        for item in hostItems where !items[Int(item)].isImplied && itemMatches[Int(item)].triggersComplex {
            var conditions: [ConditionState] = []
            for condition in itemMatches[Int(item)].conditionCriteria {
                let best = providersByCondition[condition]?.filter { $0.item != item }
                    .max { $0.state.strength < $1.state.strength }
                if let best { conditions.append(ConditionState(criterion: condition, state: best.state)) }
            }
            let context = EvaluationContext(item: item, conditions: conditions)
            if let known = numbers[context] {
                result.append((item, known))
            } else {
                let number = Int32(contexts.count)
                numbers[context] = number
                contexts.append(context)
                result.append((item, number))
            }
        }
        return result
    }
}
