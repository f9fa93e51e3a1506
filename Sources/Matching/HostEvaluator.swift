import VulnModel

/// Evaluates the CVEs whose configurations need more than one item (AND of nodes, negation, "running on/with"
/// platform criteria) against a host's items. Hosts built from the same image share a signature — the items
/// that take part in such CVEs — and are evaluated once.
struct HostEvaluator {
    let index: MatchIndex
    let items: [InventoryItem]
    let itemMatches: [ItemMatch]
    private var signatures: [[Int32]: Int32] = [:]
    /// Per signature: item → its findings from host-dependent CVEs, sorted by CVE.
    private(set) var signatureFindings: [[Int32: [LocalFinding]]] = []

    /// A platform hit list is evidence, not an inventory: a few per node are enough to show why.
    static let platformEvidenceLimit = 3

    init(index: MatchIndex, items: [InventoryItem], itemMatches: [ItemMatch]) {
        self.index = index
        self.items = items
        self.itemMatches = itemMatches
    }

    /// The signature number of a host with these (distinct) items; -1 when nothing host-dependent applies.
    mutating func signature(for hostItems: [Int32]) -> Int32 {
        let relevant = hostItems.filter { itemMatches[Int($0)].hasComplexHits }.sorted()
        guard !relevant.isEmpty else { return -1 }
        if let known = signatures[relevant] { return known }
        let number = Int32(signatureFindings.count)
        signatureFindings.append(evaluate(relevant))
        signatures[relevant] = number
        return number
    }

    private func evaluate(_ relevant: [Int32]) -> [Int32: [LocalFinding]] {
        var hostHits: [Int32: [(item: Int32, state: MatchState)]] = [:]
        var candidates = Set<Int32>()
        for item in relevant {
            for hit in itemMatches[Int(item)].hits {
                let uses = index.complexUses[hit.criterion]
                guard !uses.isEmpty else { continue }
                hostHits[hit.criterion, default: []].append((item, hit.state))
                candidates.formUnion(uses)
            }
        }
        var findings: [Int32: [LocalFinding]] = [:]
        for number in candidates.sorted(by: { index.cves[Int($0)].id < index.cves[Int($1)].id }) {
            for (item, finding) in evaluate(cve: number, hostHits: hostHits).sorted(by: { $0.key < $1.key }) {
                findings[item, default: []].append(finding)
            }
        }
        return findings
    }

    private func evaluate(
        cve number: Int32,
        hostHits: [Int32: [(item: Int32, state: MatchState)]]
    ) -> [Int32: LocalFinding] {
        var perItem: [Int32: LocalFinding] = [:]
        func best(_ criterion: Int32) -> MatchState {
            hostHits[criterion]?.max { $0.state.strength < $1.state.strength }?.state ?? .no
        }
        for (position, configurationNumber) in index.cves[Int(number)].configurations.enumerated() {
            let configuration = index.configurations[Int(configurationNumber)]
            let nodes = index.nodes[configuration.members]
            let nodeStates = nodes.map { node -> MatchState in
                let states = index.entries[node.members].lazy.map { best($0.criterion) }
                let state = node.op == .and ? MatchState.all(states) : MatchState.any(states)
                return node.negate ? state.negated : state
            }
            var state = configuration.op == .and ? MatchState.all(nodeStates) : MatchState.any(nodeStates)
            if configuration.negate { state = state.negated }
            // A negated configuration holds when something is absent: no item to attribute it to.
            guard state != .no, !configuration.negate else { continue }
            for (nodeNumber, node) in nodes.enumerated() where nodeStates[nodeNumber] != .no && !node.negate {
                for entry in index.entries[node.members] where entry.vulnerable {
                    for hit in hostHits[entry.criterion] ?? [] where hit.state != .no && !items[Int(hit.item)].isImplied
                    {
                        let combined = state.and(hit.state)
                        let evidence = LocalEvidence(
                            configuration: Int32(position),
                            criterion: entry.criterion,
                            platform: platform(of: nodes, states: nodeStates, for: hit.item, in: nodeNumber, hostHits),
                            reason: combined.reason
                        )
                        perItem[hit.item, default: LocalFinding(cve: number, state: .no, evidence: [])]
                            .add(evidence, state: combined)
                    }
                }
            }
        }
        return perItem
    }

    /// The other items that satisfied the configuration's conditions for the item in `nodeNumber`: platform
    /// (non-vulnerable) criteria anywhere, criteria of other nodes, and co-requirements of an AND node —
    /// not alternatives in the item's own OR node.
    private func platform(
        of nodes: ArraySlice<CompiledGroup>,
        states: [MatchState],
        for item: Int32,
        in itemNode: Int,
        _ hostHits: [Int32: [(item: Int32, state: MatchState)]]
    ) -> [PlatformHit] {
        var result: [PlatformHit] = []
        for (nodeNumber, node) in nodes.enumerated() where states[nodeNumber] != .no && !node.negate {
            var taken = 0
            for entry in index.entries[node.members] {
                let isCondition = !entry.vulnerable || nodeNumber != itemNode || node.op == .and
                guard isCondition else { continue }
                for hit in hostHits[entry.criterion] ?? [] where hit.item != item && hit.state != .no {
                    guard taken < Self.platformEvidenceLimit else { break }
                    result.append(PlatformHit(criterion: entry.criterion, item: hit.item))
                    taken += 1
                }
            }
        }
        return result
    }
}
