import VulnModel

/// The findings of one inventory, held compactly (per distinct item and per host signature) and fanned out
/// to hosts on demand: a national month can hold tens of millions of host findings that share a few
/// hundred thousand distinct results.
public struct MatchResult: Sendable {
    let index: MatchIndex
    public let hosts: [HostID]
    let hostItems: [[Int32]]
    /// Per host: the items with findings from host-dependent CVEs and the shared outcome holding them.
    let hostOutcomes: [[(item: Int32, outcome: Int32)]]
    let items: [InventoryItem]
    let itemMatches: [ItemMatch]
    let outcomes: [[LocalFinding]]
    /// False when host-dependent CVEs were evaluated for counting only (`MatchPlan.evaluate(_:of:items:evidence:)`):
    /// their findings hold a status and no evidence, and cannot be listed.
    let hasEvidence: Bool

    public var distinctItemCount: Int { items.count { !$0.isImplied } }
    /// Distinct evaluations of host-dependent CVEs, each shared by every host with the same item and providers.
    public var outcomeCount: Int { outcomes.count }

    /// The number of (host, item, CVE) findings, without materialising them.
    public var findingCount: Int {
        var total = 0
        for (host, numbers) in hostItems.enumerated() {
            for item in numbers where !items[Int(item)].isImplied {
                total += itemMatches[Int(item)].simpleFindingCount
            }
            for entry in hostOutcomes[host] { total += outcomes[Int(entry.outcome)].count }
        }
        return total
    }

    /// The distinct CVEs found, ascending.
    public var cves: [CVEID] {
        var found = [Bool](repeating: false, count: index.cves.count)
        for (number, match) in itemMatches.enumerated() where !items[number].isImplied {
            for hit in match.simpleHits { found[Int(hit.cve)] = true }
        }
        for outcome in outcomes {
            for finding in outcome { found[Int(finding.cve)] = true }
        }
        // CVEs are numbered in ascending CVE order.
        return found.indices.filter { found[$0] }.map { index.cves[$0].id }
    }

    /// Calls `body` with every finding: hosts in input order, items in input order, CVEs ascending.
    public func forEachFinding(_ body: (Finding) throws -> Void) rethrows {
        precondition(hasEvidence, "a result evaluated for counting only has no evidence to list findings with")
        for (host, numbers) in hostItems.enumerated() {
            let complexByItem = Dictionary(uniqueKeysWithValues: hostOutcomes[host].map { ($0.item, $0.outcome) })
            for item in numbers where !items[Int(item)].isImplied {
                let match = itemMatches[Int(item)]
                let complex = complexByItem[item].map { outcomes[Int($0)] } ?? []
                var left = 0
                var right = 0
                while left < match.simpleHits.count || right < complex.count {
                    let local: LocalFinding
                    if right == complex.count
                        || (left < match.simpleHits.count && match.simpleHits[left].cve < complex[right].cve)
                    {
                        (local, left) = match.simpleFinding(from: left)
                    } else {
                        local = complex[right]
                        right += 1
                    }
                    try body(materialise(local, host: host, item: item))
                }
            }
        }
    }

    /// Calls `body` once per host with its findings' CVEs and statuses, without materialising evidence: for
    /// summaries of inventories too large to list finding by finding.
    public func forEachHostSummary(_ body: (HostID, [(cve: CVEID, status: FindingStatus)]) throws -> Void) rethrows {
        for (host, numbers) in hostItems.enumerated() {
            var findings: [(cve: CVEID, status: FindingStatus)] = []
            for item in numbers where !items[Int(item)].isImplied {
                let hits = itemMatches[Int(item)].simpleHits
                var position = 0
                while position < hits.count {
                    let cve = hits[position].cve
                    var best = 0
                    while position < hits.count, hits[position].cve == cve {
                        best = max(best, itemMatches[Int(item)].hits[Int(hits[position].hit)].state.strength)
                        position += 1
                    }
                    findings.append((index.cves[Int(cve)].id, best == 2 ? .affected : .indeterminate))
                }
            }
            for entry in hostOutcomes[host] {
                for finding in outcomes[Int(entry.outcome)] {
                    findings.append(
                        (index.cves[Int(finding.cve)].id, finding.state == .yes ? .affected : .indeterminate))
                }
            }
            try body(hosts[host], findings)
        }
    }

    /// Calls `body` once per host with the sum of `weight` over its findings, without fanning findings out:
    /// `weight` is asked once per distinct CVE and status, each distinct item and shared outcome is summed once,
    /// and a host adds up its items and outcomes. Summaries of national inventories (tens of millions of findings)
    /// cost the rows, not the findings. The lanes mean what the caller makes them mean (counts of findings,
    /// of affected ones, of high-risk ones, …).
    public func forEachHostTally(
        _ weight: (CVEID, FindingStatus) -> SIMD8<Int32>,
        _ body: (HostID, SIMD8<Int32>) throws -> Void
    ) rethrows {
        var byCVE: [SIMD8<Int32>?] = Array(repeating: nil, count: index.cves.count * 2)
        func value(_ cve: Int32, affected: Bool) -> SIMD8<Int32> {
            let slot = Int(cve) * 2 + (affected ? 1 : 0)
            if let known = byCVE[slot] { return known }
            let computed = weight(index.cves[Int(cve)].id, affected ? .affected : .indeterminate)
            byCVE[slot] = computed
            return computed
        }
        var itemTallies: [SIMD8<Int32>] = []
        itemTallies.reserveCapacity(itemMatches.count)
        for (number, match) in itemMatches.enumerated() {
            var sum = SIMD8<Int32>()
            if !items[number].isImplied {
                let hits = match.simpleHits
                var position = 0
                while position < hits.count {
                    let cve = hits[position].cve
                    var best = 0
                    while position < hits.count, hits[position].cve == cve {
                        best = max(best, match.hits[Int(hits[position].hit)].state.strength)
                        position += 1
                    }
                    sum &+= value(cve, affected: best == 2)
                }
            }
            itemTallies.append(sum)
        }
        var outcomeTallies: [SIMD8<Int32>] = []
        outcomeTallies.reserveCapacity(outcomes.count)
        for findings in outcomes {
            var sum = SIMD8<Int32>()
            for finding in findings { sum &+= value(finding.cve, affected: finding.state == .yes) }
            outcomeTallies.append(sum)
        }
        for (host, numbers) in hostItems.enumerated() {
            var sum = SIMD8<Int32>()
            for item in numbers { sum &+= itemTallies[Int(item)] }
            for entry in hostOutcomes[host] { sum &+= outcomeTallies[Int(entry.outcome)] }
            try body(hosts[host], sum)
        }
    }

    /// Every finding, materialised.
    public var findings: [Finding] {
        var result: [Finding] = []
        forEachFinding { result.append($0) }
        return result
    }

    func materialise(_ local: LocalFinding, host: Int, item: Int32) -> Finding {
        let cve = index.cves[Int(local.cve)]
        let evidence = local.evidence.map { evidence in
            let criterion = index.criteria[Int(evidence.criterion)]
            return Evidence(
                configuration: Int(evidence.configuration),
                criterion: criterion.text,
                range: criterion.rangeText,
                platform: evidence.platform.flatMap { hit in
                    let platform = index.criteria[Int(hit.criterion)]
                    return providers(of: hit, on: host, excluding: item).map { provider in
                        PlatformEvidence(
                            criterion: platform.text,
                            range: platform.rangeText,
                            item: items[Int(provider)].text,
                            impliedBy: implying(provider, on: host)
                        )
                    }
                },
                reason: evidence.reason,
                source: cve.source
            )
        }
        return Finding(
            host: hosts[host],
            cpe: items[Int(item)].text,
            cve: cve.id,
            status: local.state == .yes ? .affected : .indeterminate,
            evidence: evidence
        )
    }

    /// The items of the host behind a platform hit: the hit's own item, or, for a shared outcome's stand-in
    /// for "another item of the host", those of the host's items that hit the criterion.
    private func providers(of hit: PlatformHit, on host: Int, excluding item: Int32) -> [Int32] {
        guard hit.item == ContextEvaluator.provider else { return [hit.item] }
        return Array(
            hostItems[host].lazy.filter { candidate in
                candidate != item
                    // A shared outcome stands in only for condition criteria: the few hits of each item kept apart.
                    && self.itemMatches[Int(candidate)].conditionHits.contains {
                        $0.criterion == hit.criterion && $0.state != .no
                    }
            }.prefix(ContextEvaluator.platformEvidenceLimit)
        )
    }

    /// The host's listed item that implied a generic platform name, or nil for a listed item.
    private func implying(_ item: Int32, on host: Int) -> String? {
        guard items[Int(item)].isImplied else { return nil }
        let name = items[Int(item)].name
        return hostItems[host].lazy.map { self.items[Int($0)] }
            .first { !$0.isImplied && PlatformImplication.implied(by: $0.name).contains(name) }?.text
    }
}
