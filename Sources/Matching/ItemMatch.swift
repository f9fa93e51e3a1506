import VulnModel

/// A finding before it is fanned out to hosts: CVE and evidence by number.
struct LocalFinding: Sendable {
    var cve: Int32
    var state: MatchState
    var evidence: [LocalEvidence]

    mutating func add(_ evidence: LocalEvidence, state: MatchState) {
        self.evidence.append(evidence)
        if state.strength > self.state.strength { self.state = state }
    }
}

struct LocalEvidence: Sendable {
    var configuration: Int32
    var criterion: Int32
    var platform: [PlatformHit]
    var reason: String?
}

struct PlatformHit: Sendable, Hashable {
    var criterion: Int32
    var item: Int32
}

/// What one distinct inventory item matched: its criterion hits, and the findings of the CVEs that depend on
/// the item alone. Computed once per distinct item, whatever the number of rows and hosts carrying it.
struct ItemMatch: Sendable {
    let hits: [(criterion: Int32, state: MatchState)]
    let simpleFindings: [LocalFinding]
    /// Whether any hit takes part in a CVE that needs the rest of the host to decide.
    let hasComplexHits: Bool

    init(item: InventoryItem, index: MatchIndex) {
        hits = index.hits(for: item)
        var states: [Int32: MatchState] = [:]
        var candidates = Set<Int32>()
        var complex = false
        for hit in hits {
            states[hit.criterion] = hit.state
            candidates.formUnion(index.simpleUses[hit.criterion])
            if !index.complexUses[hit.criterion].isEmpty { complex = true }
        }
        hasComplexHits = complex
        // An implied platform name only satisfies conditions of other items' CVEs; it has no findings.
        if item.isImplied { candidates = [] }
        simpleFindings = candidates.sorted { index.cves[Int($0)].id < index.cves[Int($1)].id }.map { number in
            var finding = LocalFinding(cve: number, state: .no, evidence: [])
            for (position, configuration) in index.cves[Int(number)].configurations.enumerated() {
                for node in index.configurations[Int(configuration)].members {
                    for entry in index.entries[index.nodes[Int(node)].members] {
                        let criterion = entry.criterion
                        guard let state = states[criterion] else { continue }
                        let evidence = LocalEvidence(
                            configuration: Int32(position),
                            criterion: criterion,
                            platform: [],
                            reason: state.reason
                        )
                        finding.add(evidence, state: state)
                    }
                }
            }
            return finding
        }
    }
}
