import VulnModel

/// An inventory read and deduplicated, ready to be matched in pieces (see `Matcher`).
public struct MatchPlan: Sendable {
    let index: MatchIndex
    let hosts: [HostID]
    let hostItems: [[Int32]]
    let items: [InventoryItem]

    public var itemCount: Int { items.count }
    public var hostCount: Int { hosts.count }

    /// The matches of a range of distinct items.
    public struct ItemMatches: Sendable {
        let range: Range<Int>
        let matches: [ItemMatch]
    }

    /// Every host's evaluation contexts, and the distinct contexts they share.
    public struct Contexts: Sendable {
        let hostContexts: [[(item: Int32, context: Int32)]]
        let contexts: [EvaluationContext]

        public var count: Int { contexts.count }
    }

    /// The findings of a range of contexts.
    public struct ContextFindings: Sendable {
        let range: Range<Int>
        let findings: [[LocalFinding]]
    }

    public func matchItems(_ range: Range<Int>) -> ItemMatches {
        ItemMatches(range: range, matches: items[range].map { ItemMatch(item: $0, index: index) })
    }

    /// Collects every host's contexts; `items` must together cover every item. Cheap, and sequential because the
    /// contexts are shared.
    public func collectContexts(items pieces: [ItemMatches]) -> Contexts {
        var collector = HostContexts(index: index, items: items, itemMatches: Self.joined(pieces))
        let hostContexts = hostItems.map { collector.contexts(for: $0) }
        return Contexts(hostContexts: hostContexts, contexts: collector.contexts)
    }

    /// Evaluates a range of the distinct contexts.
    public func evaluate(_ range: Range<Int>, of contexts: Contexts, items pieces: [ItemMatches]) -> ContextFindings {
        var evaluator = ContextEvaluator(index: index, itemMatches: Self.joined(pieces))
        return ContextFindings(range: range, findings: contexts.contexts[range].map { evaluator.findings(of: $0) })
    }

    /// The result from pieces that together cover every item and every context.
    public func result(items pieces: [ItemMatches], contexts: Contexts, findings: [ContextFindings]) -> MatchResult {
        let outcomes = findings.sorted { $0.range.lowerBound < $1.range.lowerBound }.flatMap(\.findings)
        precondition(outcomes.count == contexts.count, "findings must cover every context")
        let hostOutcomes = contexts.hostContexts.map { entries in
            entries.filter { !outcomes[Int($0.context)].isEmpty }.map { (item: $0.item, outcome: $0.context) }
        }
        return MatchResult(
            index: index,
            hosts: hosts,
            hostItems: hostItems,
            hostOutcomes: hostOutcomes,
            items: items,
            itemMatches: Self.joined(pieces),
            outcomes: outcomes
        )
    }

    private static func joined(_ pieces: [ItemMatches]) -> [ItemMatch] {
        pieces.sorted { $0.range.lowerBound < $1.range.lowerBound }.flatMap(\.matches)
    }
}
