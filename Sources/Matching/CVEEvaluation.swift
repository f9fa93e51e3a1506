import VulnModel

/// One host-dependent CVE evaluated for one item, driven by the host's hits: each hit criterion is looked up
/// in the CVE's criterion-sorted placements, so a configuration of hundreds of criteria costs a few binary
/// searches. Nodes combine in three values; AND nodes (rare) check every member.
struct CVEEvaluation {
    private struct Touch {
        let node: Int32
        let criterion: Int32
        let vulnerable: Bool
        let item: Int32
        let state: MatchState
    }

    let finding: LocalFinding?

    init(
        index: MatchIndex,
        cve number: Int32,
        item: Int32,
        hostHits: [Int32: [(item: Int32, state: MatchState)]],
        hitCriteria: [Int32]
    ) {
        let cve = index.cves[Int(number)]
        let placements = index.placements[cve.placements]
        var touches: [Touch] = []
        for criterion in hitCriteria {
            var position = Self.lowerBound(of: criterion, in: placements)
            while position < placements.endIndex, placements[position].criterion == criterion {
                let placement = placements[position]
                for hit in hostHits[criterion] ?? [] {
                    touches.append(
                        Touch(
                            node: placement.node,
                            criterion: criterion,
                            vulnerable: placement.vulnerable,
                            item: hit.item,
                            state: hit.state
                        )
                    )
                }
                position += 1
            }
        }
        guard touches.contains(where: { $0.item == item && $0.vulnerable }) else {
            finding = nil
            return
        }
        touches.sort { ($0.node, $0.criterion, $0.item) < ($1.node, $1.criterion, $1.item) }

        var best: [Int32: MatchState] = [:]
        for touch in touches where touch.state.strength > (best[touch.node]?.strength ?? 0) {
            best[touch.node] = touch.state
        }
        func state(of nodeNumber: Int32) -> MatchState {
            let node = index.nodes[Int(nodeNumber)]
            let state: MatchState
            if node.op == .and {
                state = MatchState.all(
                    index.entries[node.members].lazy.map { entry in
                        touches.lazy.filter { $0.node == nodeNumber && $0.criterion == entry.criterion }
                            .max { $0.state.strength < $1.state.strength }?.state ?? .no
                    }
                )
            } else {
                state = best[nodeNumber] ?? .no
            }
            return node.negate ? state.negated : state
        }

        var result = LocalFinding(cve: number, state: .no, evidence: [])
        for (position, configurationNumber) in cve.configurations.enumerated() {
            let configuration = index.configurations[Int(configurationNumber)]
            // A negated configuration holds when something is absent: no item to attribute it to.
            guard !configuration.negate else { continue }
            let nodeNumbers = Array(configuration.members)
            let nodeStates = nodeNumbers.map(state(of:))
            let holds = configuration.op == .and ? MatchState.all(nodeStates) : MatchState.any(nodeStates)
            guard holds != .no else { continue }
            for (offset, nodeNumber) in nodeNumbers.enumerated()
            where nodeStates[offset] != .no && !index.nodes[Int(nodeNumber)].negate {
                for touch in touches where touch.node == nodeNumber && touch.item == item && touch.vulnerable {
                    let combined = holds.and(touch.state)
                    let conditions = Self.conditions(
                        touches,
                        of: configuration,
                        index: index,
                        nodeNumbers: nodeNumbers,
                        states: nodeStates,
                        for: item,
                        in: nodeNumber
                    )
                    result.add(
                        LocalEvidence(
                            configuration: Int32(position),
                            criterion: touch.criterion,
                            platform: conditions,
                            reason: combined.reason
                        ),
                        state: combined
                    )
                }
            }
        }
        finding = result.evidence.isEmpty ? nil : result
    }

    /// The other items' hits that satisfied the conditions of the item's node: the other nodes of an AND
    /// configuration, and the other members of an AND node. Alternatives in an OR are not conditions.
    private static func conditions(
        _ touches: [Touch],
        of configuration: CompiledGroup,
        index: MatchIndex,
        nodeNumbers: [Int32],
        states: [MatchState],
        for item: Int32,
        in itemNode: Int32
    ) -> [PlatformHit] {
        var result: [PlatformHit] = []
        for (offset, nodeNumber) in nodeNumbers.enumerated()
        where states[offset] != .no && !index.nodes[Int(nodeNumber)].negate {
            let isCondition =
                nodeNumber == itemNode ? index.nodes[Int(nodeNumber)].op == .and : configuration.op == .and
            guard isCondition else { continue }
            var taken = 0
            for touch in touches where touch.node == nodeNumber && touch.item != item && touch.state != .no {
                guard taken < HostEvaluator.platformEvidenceLimit else { break }
                result.append(PlatformHit(criterion: touch.criterion, item: touch.item))
                taken += 1
            }
        }
        return result
    }

    private static func lowerBound(of criterion: Int32, in placements: ArraySlice<Placement>) -> Int {
        var low = placements.startIndex
        var high = placements.endIndex
        while low < high {
            let middle = (low + high) / 2
            if placements[middle].criterion < criterion { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
