import Matching

extension Matcher {
    /// Matches with the work split over `parallelism` tasks: rows in contiguous ranges, distinct items in
    /// contiguous ranges, hosts in contiguous ranges (their contexts merged), then the distinct evaluation contexts
    /// in contiguous ranges. The result equals `match(_:)`.
    public func match(_ entries: [InventoryEntry], parallelism: Int) async -> Result<MatchResult, MatchInputError> {
        var phases = PhaseClock()
        return await match(entries, parallelism: parallelism, phases: &phases)
    }

    /// `evidence: false` evaluates host-dependent CVEs for counting only (`MatchPlan.evaluate(_:of:items:evidence:)`).
    func match(
        _ entries: [InventoryEntry],
        parallelism: Int,
        evidence: Bool = true,
        phases: inout PhaseClock
    ) async -> Result<MatchResult, MatchInputError> {
        let pieces = max(1, parallelism)
        let rows = await withTaskGroup(of: InventoryRows.self) { group in
            for range in Self.split(entries.count, into: pieces) { group.addTask { self.readRows(entries, range) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let plan: MatchPlan
        switch self.plan(rows) {
        case .success(let value): plan = value
        case .failure(let error): return .failure(error)
        }
        phases.end("read rows and deduplicate")
        // Items differ widely in cost (an operating system hits thousands of criteria): finer ranges balance the
        // tasks.
        let items = await withTaskGroup(of: MatchPlan.ItemMatches.self) { group in
            for range in Self.split(plan.itemCount, into: pieces * 4) { group.addTask { plan.matchItems(range) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        phases.end("match distinct items")
        let hostPieces = await withTaskGroup(of: MatchPlan.HostContextPiece.self) { group in
            for range in Self.split(plan.hostCount, into: pieces) {
                group.addTask { plan.collectContexts(hosts: range, items: items) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let contexts = plan.mergeContexts(hostPieces)
        phases.end("collect host contexts (\(contexts.count) distinct)")
        let findings = await withTaskGroup(of: MatchPlan.ContextFindings.self) { group in
            // Each task memoises on its own: a few ranges per task balance the load without losing much sharing.
            for range in Self.split(contexts.count, into: pieces * 2) {
                group.addTask { plan.evaluate(range, of: contexts, items: items, evidence: evidence) }
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
