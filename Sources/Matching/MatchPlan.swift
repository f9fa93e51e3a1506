import VulnModel

/// An inventory read and deduplicated, ready to be matched in pieces (see `Matcher`).
public struct MatchPlan: Sendable {
    let index: MatchIndex
    let hosts: [HostID]
    let hostItems: [[Int32]]
    let items: [InventoryItem]
    /// Item numbers grouped by product (products in order of first appearance), so that a range of them holds
    /// whole products: the versions of a product are checked together against its criteria (`MatchIndex.hits`).
    let itemOrder: [Int32]

    init(index: MatchIndex, hosts: [HostID], hostItems: [[Int32]], items: [InventoryItem]) {
        self.index = index
        self.hosts = hosts
        self.hostItems = hostItems
        self.items = items
        var groups: [ProductKey: Int] = [:]
        var members: [[Int32]] = []
        for (number, item) in items.enumerated() {
            if let group = groups[item.key] {
                members[group].append(Int32(number))
            } else {
                groups[item.key] = members.count
                members.append([Int32(number)])
            }
        }
        itemOrder = members.flatMap { $0 }
    }

    public var itemCount: Int { items.count }
    public var hostCount: Int { hosts.count }

    /// The matches of a range of distinct items (positions in `itemOrder`).
    public struct ItemMatches: Sendable {
        let range: Range<Int>
        let matches: [ItemMatch]
    }

    /// The evaluation contexts of a range of hosts, numbered on their own.
    public struct HostContextPiece: Sendable {
        let hosts: Range<Int>
        let hostContexts: [[(item: Int32, context: Int32)]]
        let contexts: [EvaluationContext]
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
        let evidence: Bool
    }

    public func matchItems(_ range: Range<Int>) -> ItemMatches {
        let members = itemOrder[range].map { items[Int($0)] }
        let hits = index.hits(for: members[...])
        var marks = CriterionMarks(criterionCount: index.criteria.count)
        return ItemMatches(
            range: range,
            matches: zip(members, hits).map { ItemMatch(item: $0, hits: $1, index: index, marks: &marks) }
        )
    }

    /// Collects the contexts of a range of hosts; `items` must together cover every item.
    public func collectContexts(hosts range: Range<Int>, items pieces: [ItemMatches]) -> HostContextPiece {
        var collector = HostContexts(items: items, itemMatches: joined(pieces))
        let hostContexts = hostItems[range].map { collector.contexts(for: $0) }
        return HostContextPiece(hosts: range, hostContexts: hostContexts, contexts: collector.contexts)
    }

    /// Merges the contexts of host ranges that together cover every host, numbering the distinct contexts in
    /// the order a single pass would.
    public func mergeContexts(_ pieces: [HostContextPiece]) -> Contexts {
        let pieces = pieces.sorted { $0.hosts.lowerBound < $1.hosts.lowerBound }
        guard pieces.count > 1 else {
            return Contexts(hostContexts: pieces.first?.hostContexts ?? [], contexts: pieces.first?.contexts ?? [])
        }
        var numbers: [EvaluationContext: Int32] = [:]
        var contexts: [EvaluationContext] = []
        var hostContexts: [[(item: Int32, context: Int32)]] = []
        hostContexts.reserveCapacity(hostCount)
        for piece in pieces {
            let renumbered = piece.contexts.map { context in
                if let known = numbers[context] { return known }
                let number = Int32(contexts.count)
                numbers[context] = number
                contexts.append(context)
                return number
            }
            for entries in piece.hostContexts {
                hostContexts.append(entries.map { (item: $0.item, context: renumbered[Int($0.context)]) })
            }
        }
        return Contexts(hostContexts: hostContexts, contexts: contexts)
    }

    /// Evaluates a range of the distinct contexts. Without `evidence` each finding holds its CVE and status only,
    /// enough to count findings (`MatchResult.forEachHostTally`): findings that differ only in the reasons of their
    /// indeterminate states are then evaluated once (`CVEEvaluator`), and none is listed.
    public func evaluate(
        _ range: Range<Int>, of contexts: Contexts, items pieces: [ItemMatches], evidence: Bool = true
    ) -> ContextFindings {
        var evaluator = ContextEvaluator(index: index, itemMatches: joined(pieces), keepsEvidence: evidence)
        return ContextFindings(
            range: range, findings: contexts.contexts[range].map { evaluator.findings(of: $0) }, evidence: evidence)
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
            itemMatches: joined(pieces),
            outcomes: outcomes,
            hasEvidence: findings.allSatisfy(\.evidence)
        )
    }

    /// Every item's match, by item number.
    private func joined(_ pieces: [ItemMatches]) -> [ItemMatch] {
        let ordered = pieces.sorted { $0.range.lowerBound < $1.range.lowerBound }.flatMap(\.matches)
        precondition(ordered.count == items.count, "item matches must cover every item")
        var position = [Int32](repeating: 0, count: items.count)
        for (offset, number) in itemOrder.enumerated() { position[Int(number)] = Int32(offset) }
        return position.map { ordered[Int($0)] }
    }
}
