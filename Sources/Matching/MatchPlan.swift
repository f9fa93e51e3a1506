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

    /// The host-dependent outcomes of a range of hosts, numbered within the piece.
    public struct HostOutcomes: Sendable {
        let range: Range<Int>
        let hostOutcomes: [[(item: Int32, outcome: Int32)]]
        let outcomes: [[LocalFinding]]
    }

    public func matchItems(_ range: Range<Int>) -> ItemMatches {
        ItemMatches(range: range, matches: items[range].map { ItemMatch(item: $0, index: index) })
    }

    /// Evaluates a range of hosts; `items` must together cover every item.
    public func evaluateHosts(_ range: Range<Int>, items pieces: [ItemMatches]) -> HostOutcomes {
        var evaluator = HostEvaluator(index: index, items: items, itemMatches: Self.joined(pieces))
        let hostOutcomes = range.map { evaluator.outcomes(for: hostItems[$0]) }
        return HostOutcomes(range: range, hostOutcomes: hostOutcomes, outcomes: evaluator.outcomes)
    }

    /// The result from pieces that together cover every item and every host.
    public func result(items pieces: [ItemMatches], hosts outcomePieces: [HostOutcomes]) -> MatchResult {
        var hostOutcomes: [[(item: Int32, outcome: Int32)]] = []
        hostOutcomes.reserveCapacity(hosts.count)
        var outcomes: [[LocalFinding]] = []
        for piece in outcomePieces.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let offset = Int32(outcomes.count)
            outcomes += piece.outcomes
            hostOutcomes += piece.hostOutcomes.map { $0.map { ($0.item, $0.outcome + offset) } }
        }
        precondition(hostOutcomes.count == hosts.count, "host pieces must cover every host")
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
