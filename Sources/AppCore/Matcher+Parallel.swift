import Matching

extension Matcher {
    /// Matches with the work split over `parallelism` tasks: distinct items in contiguous ranges, then the
    /// hosts' distinct evaluation contexts in contiguous ranges. The result equals `match(_:)`.
    public func match(_ entries: [InventoryEntry], parallelism: Int) async -> Result<MatchResult, MatchInputError> {
        let plan: MatchPlan
        switch self.plan(entries) {
        case .success(let value): plan = value
        case .failure(let error): return .failure(error)
        }
        let pieces = max(1, parallelism)
        let items = await withTaskGroup(of: MatchPlan.ItemMatches.self) { group in
            for range in Self.split(plan.itemCount, into: pieces) { group.addTask { plan.matchItems(range) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let contexts = plan.collectContexts(items: items)
        let findings = await withTaskGroup(of: MatchPlan.ContextFindings.self) { group in
            for range in Self.split(contexts.count, into: pieces) {
                group.addTask { plan.evaluate(range, of: contexts, items: items) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        return .success(plan.result(items: items, contexts: contexts, findings: findings))
    }

    /// `count` split into at most `pieces` contiguous ranges of near-equal size (none empty).
    static func split(_ count: Int, into pieces: Int) -> [Range<Int>] {
        let size = max(1, (count + pieces - 1) / pieces)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }
}
