import VulnModel

/// Evaluates host-dependent CVEs for one item from its touches (precomputed per item) and the conditions met by
/// the host's other items (looked up in the CVE's criterion-sorted placements), so a configuration of hundreds
/// of criteria costs a few binary searches. Nodes combine in three values; AND nodes (rare) check every member.
/// A finding depends only on the touches — criteria, nodes and states, never which item — so it is memoised on
/// them: the versions of a browser that fall in the same range of a CVE share one evaluation. Scratch storage is
/// reused from one CVE to the next.
struct CVEEvaluator {
    private struct Touch {
        let node: Int32
        let criterion: Int32
        let vulnerable: Bool
        let item: Int32
        let state: MatchState
    }

    let index: MatchIndex
    /// False when findings are made for counting (`MatchPlan.evaluate(_:of:items:evidence:)`): a finding is then its
    /// CVE and the kind of its state, and touches in indeterminate states are memoised by kind, not by reason.
    let keepsEvidence: Bool
    private var touches: [Touch] = []
    /// Findings already evaluated, keyed by CVE and touches packed as criterion, node, flags and the kind of state.
    /// With evidence, touches with an indeterminate state are not memoised: their reasons, which the evidence
    /// repeats, mostly name the item's own version. The key of the CVE under evaluation is packed into reused
    /// scratch and compared with stored keys in place, so a look-up allocates nothing; millions of look-ups are made
    /// for a national inventory.
    ///
    /// The table is open addressing over a power-of-two array of entry numbers (-1 for none), at most half full,
    /// probed linearly from the packed key's hash: that hash is mixed already, and hashing it again for a
    /// `Dictionary` took a tenth of the evaluation. It starts from a per-process random seed, so that an inventory
    /// cannot be crafted to make keys collide.
    private var memoSlots = [Int32](repeating: -1, count: 1 << 10)
    private var memoEntries: [MemoEntry] = []
    private var memoFindings: [LocalFinding?] = []
    private var memoKeys: [UInt64] = []
    private var packed: [UInt64] = []
    private let seed: UInt64

    private struct MemoEntry {
        let hash: UInt64
        let cve: Int32
        let keys: Range<Int>
    }
    /// The touch in the strongest state per node of the CVE under evaluation (by node number minus the CVE's first
    /// node), or -1: positions in `touches`, so that resetting and filling it copies no states.
    private var best: [Int32] = []
    private var nodeStates: [MatchState] = []

    init(index: MatchIndex, keepsEvidence: Bool = true) {
        self.index = index
        self.keepsEvidence = keepsEvidence
        seed = TextNumbers.processSeed()
    }

    /// The finding of `item` for `cve`, or nil when no configuration holds with one of its vulnerable hits.
    mutating func finding(
        cve number: Int32,
        item: Int32,
        itemTouches: ArraySlice<ItemTouch>,
        states: [(criterion: Int32, state: MatchState)],
        conditions: [ConditionState]
    ) -> LocalFinding? {
        guard let hash = packKey(cve: number, itemTouches: itemTouches, states: states, conditions: conditions) else {
            collectTouches(cve: number, item: item, itemTouches: itemTouches, states: states, conditions: conditions)
            return evaluate(number, item: item)
        }
        let mask = memoSlots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while memoSlots[slot] >= 0 {
            let entry = Int(memoSlots[slot])
            let known = memoEntries[entry]
            if known.hash == hash, known.cve == number, memoKeys[known.keys].elementsEqual(packed) {
                return memoFindings[entry]
            }
            slot = (slot + 1) & mask
        }
        collectTouches(cve: number, item: item, itemTouches: itemTouches, states: states, conditions: conditions)
        let finding = evaluate(number, item: item)
        let start = memoKeys.count
        memoKeys.append(contentsOf: packed)
        memoSlots[slot] = Int32(memoEntries.count)
        memoEntries.append(MemoEntry(hash: hash, cve: number, keys: start..<memoKeys.count))
        memoFindings.append(finding)
        if memoEntries.count * 2 > memoSlots.count { growMemo() }
        return finding
    }

    /// Doubles the slots and places every entry again.
    private mutating func growMemo() {
        memoSlots = [Int32](repeating: -1, count: memoSlots.count * 2)
        let mask = memoSlots.count - 1
        for (number, entry) in memoEntries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while memoSlots[slot] >= 0 { slot = (slot + 1) & mask }
            memoSlots[slot] = Int32(number)
        }
    }

    /// Packs the touches that `collectTouches` gathers, in its order, into `packed` straight from where they come
    /// from, and returns their hash with the CVE's; nil when a touch is indeterminate and evidence is kept. A finding
    /// found in the memo is returned without gathering them.
    private mutating func packKey(
        cve number: Int32,
        itemTouches: ArraySlice<ItemTouch>,
        states: [(criterion: Int32, state: MatchState)],
        conditions: [ConditionState]
    ) -> UInt64? {
        packed.removeAll(keepingCapacity: true)
        var hash = (seed ^ UInt64(UInt32(number))) &* 0x9E37_79B9_7F4A_7C15
        // Criterion, node (below 2^28), the kind of state and two flags.
        func add(_ criterion: Int32, _ node: Int32, kind: UInt64, vulnerable: Bool, own: Bool) {
            let flags: UInt64 = (vulnerable ? 1 : 0) | (own ? 2 : 0)
            let value = UInt64(UInt32(criterion)) << 32 | UInt64(UInt32(node)) << 4 | kind << 2 | flags
            packed.append(value)
            hash = (hash ^ value) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
        }
        for touch in itemTouches {
            guard let kind = kind(of: states[Int(touch.hit)].state) else { return nil }
            add(touch.criterion, touch.node, kind: kind, vulnerable: touch.vulnerable, own: true)
        }
        for condition in index.cveConditions[number] {
            guard let state = Self.state(of: condition.criterion, in: conditions) else { continue }
            guard let kind = kind(of: state) else { return nil }
            for placement in index.placements[condition.placements] {
                add(condition.criterion, placement.node, kind: kind, vulnerable: placement.vulnerable, own: false)
            }
        }
        return hash
    }

    /// A state as a memo key holds it, or nil when the finding depends on more than its kind: on the reason of an
    /// indeterminate state, which evidence keeps.
    private func kind(of state: MatchState) -> UInt64? {
        switch state {
        case .yes: 0
        case .no: 1
        case .indeterminate: keepsEvidence ? nil : 2
        }
    }

    private mutating func evaluate(_ number: Int32, item: Int32) -> LocalFinding? {
        // The CVE's configurations only: copying the whole record would retain its provenance strings, which all
        // cores share.
        let configurations = index.cves[Int(number)].configurations
        let firstNode = index.configurations[Int(configurations.lowerBound)].members.lowerBound
        let lastNode = index.configurations[Int(configurations.upperBound) - 1].members.upperBound
        best.removeAll(keepingCapacity: true)
        best.append(contentsOf: repeatElement(-1, count: Int(lastNode - firstNode)))
        for (position, touch) in touches.enumerated() {
            let node = Int(touch.node - firstNode)
            if best[node] < 0 || touch.state.strength > touches[Int(best[node])].state.strength {
                best[node] = Int32(position)
            }
        }

        var result = LocalFinding(cve: number, state: .no, evidence: [])
        var counted = false
        for (position, configurationNumber) in configurations.enumerated() {
            let configuration = index.configurations[Int(configurationNumber)]
            // A negated configuration holds when something is absent: no item to attribute it to.
            guard !configuration.negate else { continue }
            nodeStates.removeAll(keepingCapacity: true)
            for nodeNumber in configuration.members { nodeStates.append(state(of: nodeNumber, firstNode: firstNode)) }
            let holds = configuration.op == .and ? MatchState.all(nodeStates) : MatchState.any(nodeStates)
            guard holds != .no else { continue }
            for (offset, nodeNumber) in configuration.members.enumerated()
            where nodeStates[offset] != .no && !index.nodes[Int(nodeNumber)].negate {
                for touch in touches where touch.node == nodeNumber && touch.item == item && touch.vulnerable {
                    let combined = holds.and(touch.state)
                    guard keepsEvidence else {
                        // The state's kind is all a count needs; a reason kept here would be any memoised one.
                        counted = true
                        if combined.strength > result.state.strength {
                            result.state = combined.strength == 1 ? Self.uncounted : combined
                        }
                        continue
                    }
                    result.add(
                        LocalEvidence(
                            configuration: Int32(position),
                            criterion: touch.criterion,
                            platform: conditions(of: configuration, for: item, in: nodeNumber),
                            reason: combined.reason
                        ),
                        state: combined
                    )
                }
            }
        }
        return result.evidence.isEmpty && !counted ? nil : result
    }

    /// The indeterminate state of a finding made for counting.
    private static let uncounted = MatchState.indeterminate("not kept: counted only")

    /// The item's touches, then the conditions' touches found in the CVE's placements.
    private mutating func collectTouches(
        cve number: Int32,
        item: Int32,
        itemTouches: ArraySlice<ItemTouch>,
        states: [(criterion: Int32, state: MatchState)],
        conditions: [ConditionState]
    ) {
        touches.removeAll(keepingCapacity: true)
        for touch in itemTouches {
            touches.append(
                Touch(
                    node: touch.node,
                    criterion: touch.criterion,
                    vulnerable: touch.vulnerable,
                    item: item,
                    state: states[Int(touch.hit)].state
                )
            )
        }
        // Only the CVE's own condition criteria (one to three, ascending like `conditions`) can be met by the host.
        for condition in index.cveConditions[number] {
            guard let state = Self.state(of: condition.criterion, in: conditions) else { continue }
            for placement in index.placements[condition.placements] {
                touches.append(
                    Touch(
                        node: placement.node,
                        criterion: condition.criterion,
                        vulnerable: placement.vulnerable,
                        item: ContextEvaluator.provider,
                        state: state
                    )
                )
            }
        }
    }

    /// The state in which the host meets `criterion`, from conditions sorted by criterion.
    private static func state(of criterion: Int32, in conditions: [ConditionState]) -> MatchState? {
        var low = 0
        var high = conditions.count
        while low < high {
            let middle = (low + high) / 2
            if conditions[middle].criterion < criterion { low = middle + 1 } else { high = middle }
        }
        return low < conditions.count && conditions[low].criterion == criterion ? conditions[low].state : nil
    }

    private func state(of nodeNumber: Int32, firstNode: Int32) -> MatchState {
        let node = index.nodes[Int(nodeNumber)]
        let state: MatchState
        if node.op == .and {
            state = MatchState.all(
                index.entries[node.members].lazy.map { entry in
                    self.touches.lazy.filter { $0.node == nodeNumber && $0.criterion == entry.criterion }
                        .max { $0.state.strength < $1.state.strength }?.state ?? .no
                }
            )
        } else {
            let touch = best[Int(nodeNumber - firstNode)]
            state = touch < 0 ? .no : touches[Int(touch)].state
        }
        return node.negate ? state.negated : state
    }

    /// The other items' hits that satisfied the conditions of the item's node: the other nodes of an AND
    /// configuration, and the other members of an AND node. Alternatives in an OR are not conditions.
    private func conditions(of configuration: CompiledGroup, for item: Int32, in itemNode: Int32) -> [PlatformHit] {
        var result: [PlatformHit] = []
        for (offset, nodeNumber) in configuration.members.enumerated()
        where nodeStates[offset] != .no && !index.nodes[Int(nodeNumber)].negate {
            let isCondition =
                nodeNumber == itemNode ? index.nodes[Int(nodeNumber)].op == .and : configuration.op == .and
            guard isCondition else { continue }
            var taken = 0
            for touch in touches where touch.node == nodeNumber && touch.item != item && touch.state != .no {
                guard taken < ContextEvaluator.platformEvidenceLimit else { break }
                result.append(PlatformHit(criterion: touch.criterion, item: touch.item))
                taken += 1
            }
        }
        return result
    }
}
