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

/// A hit of an item on a criterion of a simple CVE, kept flat: findings are grouped from these only when they
/// are written out, so a Windows item with thousands of CVEs costs one array, not thousands.
struct SimpleHit: Sendable {
    let cve: Int32
    let configuration: Int32
    let criterion: Int32
    /// Position in the item's `hits`, for the state.
    let hit: Int32
}

/// An item's hit on a criterion of a host-dependent CVE, placed in its node.
struct ItemTouch: Sendable {
    let cve: Int32
    let node: Int32
    let criterion: Int32
    let vulnerable: Bool
    /// Position in the item's `hits`, for the state.
    let hit: Int32
}

/// What one distinct inventory item matched: its criterion hits, and its hits on the CVEs that depend on the
/// item alone. Computed once per distinct item, whatever the number of rows and hosts carrying it.
final class ItemMatch: Sendable {
    let hits: [(criterion: Int32, state: MatchState)]
    /// Hits on simple CVEs, sorted by CVE.
    let simpleHits: [SimpleHit]
    /// The number of distinct CVEs in `simpleHits`.
    let simpleFindingCount: Int
    /// Its hits on host-dependent CVEs, sorted by CVE, then node, then criterion.
    let complexTouches: [ItemTouch]
    /// Whether a hit is a vulnerable criterion of such a CVE: only then can the item get findings from them.
    let triggersComplex: Bool
    /// The hits that gate other items' vulnerable criteria (`MatchIndex.conditionCriteria`): an operating
    /// system hits thousands of criteria but only a few of these.
    let conditionHits: [(criterion: Int32, state: MatchState)]

    var providesConditions: Bool { !conditionHits.isEmpty }
    /// The condition criteria of every host-dependent CVE the item may be vulnerable to, sorted: what its
    /// host's other items must be checked against.
    let conditionCriteria: [Int32]

    /// `index` is borrowed: an initializer's parameters are otherwise passed owned, which copied the index's dozen
    /// arrays (a retain and a release each) for every item. `marks` is scratch, empty before and after.
    init(
        item: InventoryItem,
        hits: [(criterion: Int32, state: MatchState)],
        index: borrowing MatchIndex,
        marks: inout CriterionMarks
    ) {
        self.hits = hits
        var simple: [SimpleHit] = []
        var complex: [ItemTouch] = []
        var conditions: [(criterion: Int32, state: MatchState)] = []
        for (position, hit) in hits.enumerated() {
            // An implied platform name only satisfies conditions of other items' CVEs; it has no findings.
            if !item.isImplied {
                for use in index.simpleUses[hit.criterion] {
                    simple.append(
                        SimpleHit(
                            cve: use.cve,
                            configuration: use.configuration,
                            criterion: hit.criterion,
                            hit: Int32(position)
                        )
                    )
                }
            }
            if hit.state != .no {
                for occurrence in index.occurrences[hit.criterion] {
                    complex.append(
                        ItemTouch(
                            cve: occurrence.cve,
                            node: occurrence.node,
                            criterion: hit.criterion,
                            vulnerable: occurrence.vulnerable,
                            hit: Int32(position)
                        )
                    )
                }
            }
            if index.conditionCriteria[Int(hit.criterion)] { conditions.append(hit) }
        }
        simple.sort { ($0.cve, $0.configuration, $0.hit) < ($1.cve, $1.configuration, $1.hit) }
        simpleHits = simple
        var distinct = 0
        for index in simple.indices where index == 0 || simple[index - 1].cve != simple[index].cve { distinct += 1 }
        simpleFindingCount = distinct
        complex.sort { ($0.cve, $0.node, $0.criterion) < ($1.cve, $1.node, $1.criterion) }
        complexTouches = complex
        // The same few platform criteria recur in hundreds of CVEs: each is kept once (marked, then unmarked for the
        // next item), then the few are sorted. A set hashed every one of them, and sorting them all took longer.
        var criteria: [Int32] = []
        var previous: Int32 = -1
        for touch in complex where touch.vulnerable && touch.cve != previous {
            previous = touch.cve
            for condition in index.cveConditions[touch.cve] where marks.insert(condition.criterion) {
                criteria.append(condition.criterion)
            }
        }
        for criterion in criteria { marks.remove(criterion) }
        criteria.sort()
        conditionCriteria = criteria
        triggersComplex = !item.isImplied && complex.contains { $0.vulnerable }
        conditionHits = conditions
    }

    /// The finding grouped from the simple hits starting at `start`, and where the next CVE's hits start.
    func simpleFinding(from start: Int) -> (finding: LocalFinding, next: Int) {
        var finding = LocalFinding(cve: simpleHits[start].cve, state: .no, evidence: [])
        var position = start
        while position < simpleHits.count, simpleHits[position].cve == finding.cve {
            let simple = simpleHits[position]
            let state = hits[Int(simple.hit)].state
            finding.add(
                LocalEvidence(
                    configuration: simple.configuration, criterion: simple.criterion, platform: [], reason: state.reason
                ),
                state: state
            )
            position += 1
        }
        return (finding, position)
    }
}

/// A set of criterion numbers kept as bits: scratch that its user empties again, so that one can serve every item
/// of a range.
struct CriterionMarks {
    private var words: [UInt64]

    init(criterionCount: Int) {
        words = Array(repeating: 0, count: (criterionCount + 63) / 64)
    }

    /// Marks `criterion`; whether it was not marked yet.
    mutating func insert(_ criterion: Int32) -> Bool {
        let bit: UInt64 = 1 << UInt64(criterion & 63)
        let word = Int(criterion >> 6)
        guard words[word] & bit == 0 else { return false }
        words[word] |= bit
        return true
    }

    mutating func remove(_ criterion: Int32) {
        words[Int(criterion >> 6)] &= ~(1 << UInt64(criterion & 63))
    }
}
