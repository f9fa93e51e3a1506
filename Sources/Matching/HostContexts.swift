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
    let items: [InventoryItem]
    let itemMatches: [ItemMatch]
    private var numbers: [EvaluationContext: Int32] = [:]
    private(set) var contexts: [EvaluationContext] = []
    /// The current host's condition hits, sorted by criterion, then by host item order: scratch reused per host.
    private var providers: [Provider] = []

    private struct Provider {
        let criterion: Int32
        let item: Int32
        let order: Int32
        let strength: Int
        let state: MatchState
    }

    init(items: [InventoryItem], itemMatches: [ItemMatch]) {
        self.items = items
        self.itemMatches = itemMatches
    }

    /// The contexts of a host with these (distinct) items: (item, context number) for items that may have
    /// findings from host-dependent CVEs.
    mutating func contexts(for hostItems: [Int32]) -> [(item: Int32, context: Int32)] {
        // The host's condition hits once, sorted like each item's condition criteria, so that an item finds the
        // few it needs in one merging pass (an item has dozens of condition criteria, a host a few dozen hits).
        providers.removeAll(keepingCapacity: true)
        for provider in hostItems {
            for hit in itemMatches[Int(provider)].conditionHits {
                providers.append(
                    Provider(
                        criterion: hit.criterion,
                        item: provider,
                        order: Int32(providers.count),
                        strength: hit.state.strength,
                        state: hit.state
                    )
                )
            }
        }
        providers.sort { ($0.criterion, $0.order) < ($1.criterion, $1.order) }
        var result: [(item: Int32, context: Int32)] = []
        for item in hostItems where !items[Int(item)].isImplied && itemMatches[Int(item)].triggersComplex {
            let context = EvaluationContext(item: item, conditions: conditions(of: item))
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

    /// The states in which the host's other items meet the item's condition criteria: for each criterion met, the
    /// strongest state (the first of equals, in host item order).
    private func conditions(of item: Int32) -> [ConditionState] {
        var result: [ConditionState] = []
        var position = 0
        for criterion in itemMatches[Int(item)].conditionCriteria {
            while position < providers.count, providers[position].criterion < criterion { position += 1 }
            if position == providers.count { break }
            var best = -1
            while position < providers.count, providers[position].criterion == criterion {
                if providers[position].item != item,
                    best < 0 || providers[position].strength > providers[best].strength
                {
                    best = position
                }
                position += 1
            }
            if best >= 0 { result.append(ConditionState(criterion: criterion, state: providers[best].state)) }
        }
        return result
    }
}
