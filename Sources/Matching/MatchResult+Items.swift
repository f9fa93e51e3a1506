import VulnModel

/// One CVE of one distinct inventory item (CPE name) across the hosts that carry it: a worklist by software
/// rather than by host, the granularity of cve-bin-tool's report.
public struct ItemFinding: Sendable {
    /// Hosts whose finding for this CPE and CVE is `affected`, and those whose finding is `indeterminate`.
    public var affectedHosts: Int
    public var indeterminateHosts: Int
    /// The finding of the first host, in input order, with the strongest status: its evidence stands for the
    /// others (hosts differ only in the platform items that met a condition).
    public var representative: Finding

    public var status: FindingStatus { affectedHosts > 0 ? .affected : .indeterminate }
}

extension MatchResult {
    /// Calls `body` once per distinct item and CVE: items in order of first appearance, CVEs ascending. Counted
    /// per distinct item and shared outcome, like the host summaries; only the representatives are materialised.
    public func forEachItemFinding(_ body: (ItemFinding) throws -> Void) rethrows {
        var hostCounts = [Int](repeating: 0, count: items.count)
        var firstHosts = [Int](repeating: -1, count: items.count)
        for (host, numbers) in hostItems.enumerated() {
            for item in numbers {
                hostCounts[Int(item)] += 1
                if firstHosts[Int(item)] < 0 { firstHosts[Int(item)] = host }
            }
        }
        // Each item's shared outcomes, with the number of hosts holding each and the first of them.
        var uses = [[(outcome: Int32, hosts: Int, first: Int)]](repeating: [], count: items.count)
        for (host, entries) in hostOutcomes.enumerated() {
            for entry in entries {
                if let known = uses[Int(entry.item)].firstIndex(where: { $0.outcome == entry.outcome }) {
                    uses[Int(entry.item)][known].hosts += 1
                } else {
                    uses[Int(entry.item)].append((entry.outcome, 1, host))
                }
            }
        }
        for (item, match) in itemMatches.enumerated() where !items[item].isImplied {
            // A CVE is simple or host-dependent, never both: the item's simple findings and its outcomes' findings
            // hold different CVEs.
            var found: [(cve: Int32, finding: ItemFinding)] = []
            var position = 0
            while position < match.simpleHits.count {
                let (local, next) = match.simpleFinding(from: position)
                let affected = local.state == .yes
                found.append(
                    (
                        local.cve,
                        ItemFinding(
                            affectedHosts: affected ? hostCounts[item] : 0,
                            indeterminateHosts: affected ? 0 : hostCounts[item],
                            representative: materialise(local, host: firstHosts[item], item: Int32(item))
                        )
                    )
                )
                position = next
            }
            var complex: [Int32: (affected: Int, indeterminate: Int, best: (use: Int, finding: Int))] = [:]
            for (use, outcome) in uses[item].enumerated() {
                for (offset, local) in outcomes[Int(outcome.outcome)].enumerated() {
                    let affected = local.state == .yes
                    guard var tally = complex[local.cve] else {
                        complex[local.cve] = (
                            affected ? outcome.hosts : 0, affected ? 0 : outcome.hosts, (use, offset)
                        )
                        continue
                    }
                    if affected { tally.affected += outcome.hosts } else { tally.indeterminate += outcome.hosts }
                    let best = uses[item][tally.best.use]
                    let bestAffected = outcomes[Int(best.outcome)][tally.best.finding].state == .yes
                    if affected && !bestAffected || affected == bestAffected && outcome.first < best.first {
                        tally.best = (use, offset)
                    }
                    complex[local.cve] = tally
                }
            }
            for (cve, tally) in complex {
                let use = uses[item][tally.best.use]
                found.append(
                    (
                        cve,
                        ItemFinding(
                            affectedHosts: tally.affected,
                            indeterminateHosts: tally.indeterminate,
                            representative: materialise(
                                outcomes[Int(use.outcome)][tally.best.finding], host: use.first, item: Int32(item))
                        )
                    )
                )
            }
            // CVEs are numbered in ascending CVE order, and each is found once per item.
            found.sort { $0.cve < $1.cve }
            for entry in found { try body(entry.finding) }
        }
    }
}
