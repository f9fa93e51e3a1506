import VulnModel

/// One CVE of one distinct inventory item (CPE name) across the hosts that carry it: a worklist by software
/// rather than by host, the granularity of cve-bin-tool's report. Cheap to hand out: its representative finding
/// is materialised only on request (`MatchResult.representative(of:)`).
public struct ItemFinding: Sendable {
    /// Hosts whose finding for this CPE and CVE is `affected`, and those whose finding is `indeterminate`.
    public var affectedHosts: Int
    public var indeterminateHosts: Int
    /// The distinct item's number, in order of first appearance: the same for every CVE of one item.
    public let item: Int
    /// The item's CPE 2.3 name as the inventory gave it.
    public let cpe: String
    public let cve: CVEID
    /// The CVE's number in the index, below `MatchResult.indexedCVECount`: for callers rendering a CVE once.
    public var cveNumber: Int { Int(local.cve) }
    /// The representative: the finding of the first host, in input order, with the strongest status. Its evidence
    /// stands for the others (hosts differ only in the platform items that met a condition).
    let host: Int
    let local: LocalFinding

    public var status: FindingStatus { affectedHosts > 0 ? .affected : .indeterminate }

    /// The representative's evidence without its platform items, in order: each criterion by its number
    /// (`MatchResult.criterion(_:)`), and why the finding is indeterminate, if it is.
    public func forEachEvidence(_ body: (_ criterion: Int, _ reason: String?) throws -> Void) rethrows {
        for evidence in local.evidence { try body(Int(evidence.criterion), evidence.reason) }
    }
}

extension MatchResult {
    /// The representative host's whole finding, with its platform evidence.
    public func representative(of finding: ItemFinding) -> Finding {
        materialise(finding.local, host: finding.host, item: Int32(finding.item))
    }

    /// The bounds of `ItemFinding.cveNumber` and of evidence criterion numbers.
    public var indexedCVECount: Int { index.cves.count }
    public var criterionCount: Int { index.criteria.count }

    /// An evidence criterion's CPE name and its range in NVD's words, if it has one.
    public func criterion(_ number: Int) -> (text: String, range: String?) {
        let criterion = index.criteria[number]
        return (criterion.text, criterion.rangeText)
    }

    /// Calls `body` once per distinct item and CVE: items in order of first appearance, CVEs ascending. Counted
    /// per distinct item and shared outcome, like the host summaries; nothing is materialised.
    public func forEachItemFinding(_ body: (ItemFinding) throws -> Void) rethrows {
        precondition(hasEvidence, "a result evaluated for counting only has no evidence to list findings with")
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
            let cpe = items[item].text
            func finding(_ local: LocalFinding, affected: Int, indeterminate: Int, host: Int) -> ItemFinding {
                ItemFinding(
                    affectedHosts: affected, indeterminateHosts: indeterminate, item: item, cpe: cpe,
                    cve: index.cves[Int(local.cve)].id, host: host, local: local)
            }
            var position = 0
            while position < match.simpleHits.count {
                let (local, next) = match.simpleFinding(from: position)
                let affected = local.state == .yes
                let hosts = hostCounts[item]
                found.append(
                    (
                        local.cve,
                        finding(
                            local, affected: affected ? hosts : 0, indeterminate: affected ? 0 : hosts,
                            host: firstHosts[item])
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
                let local = outcomes[Int(use.outcome)][tally.best.finding]
                found.append(
                    (
                        cve,
                        finding(
                            local, affected: tally.affected, indeterminate: tally.indeterminate, host: use.first)
                    )
                )
            }
            // CVEs are numbered in ascending CVE order, and each is found once per item.
            found.sort { $0.cve < $1.cve }
            for entry in found { try body(entry.finding) }
        }
    }
}
