import VulnModel

/// The findings of one inventory, held compactly (per distinct item and per host signature) and fanned out
/// to hosts on demand: a national month can hold tens of millions of host findings that share a few
/// hundred thousand distinct results.
public struct MatchResult: Sendable {
    let index: MatchIndex
    public let hosts: [HostID]
    let hostItems: [[Int32]]
    let hostSignatures: [Int32]
    let items: [InventoryItem]
    let itemMatches: [ItemMatch]
    let signatureFindings: [[Int32: [LocalFinding]]]

    public var distinctItemCount: Int { items.count }
    public var signatureCount: Int { signatureFindings.count }

    /// The number of (host, item, CVE) findings, without materialising them.
    public var findingCount: Int {
        var total = 0
        for (host, numbers) in hostItems.enumerated() {
            let signature = hostSignatures[host]
            for item in numbers where !items[Int(item)].isImplied {
                total += itemMatches[Int(item)].simpleFindings.count
                if signature >= 0 { total += signatureFindings[Int(signature)][item]?.count ?? 0 }
            }
        }
        return total
    }

    /// The distinct CVEs found, ascending.
    public var cves: [CVEID] {
        var numbers = Set<Int32>()
        for match in itemMatches { numbers.formUnion(match.simpleFindings.map(\.cve)) }
        for findings in signatureFindings {
            for item in findings.values { numbers.formUnion(item.map(\.cve)) }
        }
        return numbers.map { index.cves[Int($0)].id }.sorted()
    }

    /// Calls `body` with every finding: hosts in input order, items in input order, CVEs ascending.
    public func forEachFinding(_ body: (Finding) throws -> Void) rethrows {
        for (host, numbers) in hostItems.enumerated() {
            let signature = hostSignatures[host]
            for item in numbers where !items[Int(item)].isImplied {
                let simple = itemMatches[Int(item)].simpleFindings
                let complex = signature >= 0 ? signatureFindings[Int(signature)][item] ?? [] : []
                var left = 0
                var right = 0
                while left < simple.count || right < complex.count {
                    let takeLeft =
                        right == complex.count
                        || (left < simple.count
                            && index.cves[Int(simple[left].cve)].id < index.cves[Int(complex[right].cve)].id)
                    let local = takeLeft ? simple[left] : complex[right]
                    if takeLeft { left += 1 } else { right += 1 }
                    try body(materialise(local, host: host, item: item))
                }
            }
        }
    }

    /// Every finding, materialised.
    public var findings: [Finding] {
        var result: [Finding] = []
        forEachFinding { result.append($0) }
        return result
    }

    private func materialise(_ local: LocalFinding, host: Int, item: Int32) -> Finding {
        let cve = index.cves[Int(local.cve)]
        let evidence = local.evidence.map { evidence in
            let criterion = index.criteria[Int(evidence.criterion)]
            return Evidence(
                configuration: Int(evidence.configuration),
                criterion: criterion.text,
                range: criterion.rangeText,
                platform: evidence.platform.map { hit in
                    let platform = index.criteria[Int(hit.criterion)]
                    return PlatformEvidence(
                        criterion: platform.text,
                        range: platform.rangeText,
                        item: items[Int(hit.item)].text,
                        impliedBy: implying(hit.item, on: host)
                    )
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

    /// The host's listed item that implied a generic platform name, or nil for a listed item.
    private func implying(_ item: Int32, on host: Int) -> String? {
        guard items[Int(item)].isImplied else { return nil }
        let name = items[Int(item)].name
        return hostItems[host].lazy.map { self.items[Int($0)] }
            .first { !$0.isImplied && PlatformImplication.implied(by: $0.name).contains(name) }?.text
    }
}
