import Matching

extension Matcher {
    /// Matches with the work split over `parallelism` tasks: distinct items in contiguous ranges, then the
    /// hosts' distinct evaluation contexts in contiguous ranges. The result equals `match(_:)`.
    public func match(_ entries: [InventoryEntry], parallelism: Int) async -> Result<MatchResult, MatchInputError> {
        var phases = PhaseClock()
        return await match(entries, parallelism: parallelism, phases: &phases)
    }

    func match(
        _ entries: [InventoryEntry],
        parallelism: Int,
        phases: inout PhaseClock
    ) async -> Result<MatchResult, MatchInputError> {
        let plan: MatchPlan
        switch self.plan(entries) {
        case .success(let value): plan = value
        case .failure(let error): return .failure(error)
        }
        phases.end("read rows and deduplicate")
        let pieces = max(1, parallelism)
        let items = await withTaskGroup(of: MatchPlan.ItemMatches.self) { group in
            for range in Self.split(plan.itemCount, into: pieces) { group.addTask { plan.matchItems(range) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        phases.end("match distinct items")
        let contexts = plan.collectContexts(items: items)
        phases.end("collect host contexts")
        let findings = await withTaskGroup(of: MatchPlan.ContextFindings.self) { group in
            for range in Self.split(contexts.count, into: pieces) {
                group.addTask { plan.evaluate(range, of: contexts, items: items) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        phases.end("evaluate host-dependent CVEs")
        let result = plan.result(items: items, contexts: contexts, findings: findings)
        phases.end("assemble")
        return .success(result)
    }

    /// `count` split into at most `pieces` contiguous ranges of near-equal size (none empty).
    static func split(_ count: Int, into pieces: Int) -> [Range<Int>] {
        let size = max(1, (count + pieces - 1) / pieces)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }
}
