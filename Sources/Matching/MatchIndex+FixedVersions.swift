import CPE
import VulnModel

extension MatchIndex: FixedVersionSource {
    /// From the CVE's compiled configurations: the index keeps every criterion with its range, so a snapshot-loaded
    /// knowledge base (which keeps no configurations) shows the same fixed versions as one built from the feeds.
    public func fixedVersions(of cve: CVEID, vendor: String, product: String) -> [String] {
        guard let compiled = self.cve(cve) else { return [] }
        var versions: Set<String> = []
        for configuration in configurations[compiled.configurations] {
            for node in nodes[configuration.members] {
                for entry in entries[node.members] where entry.vulnerable {
                    let criterion = criteria[Int(entry.criterion)]
                    guard case .excluding(let end)? = criterion.range?.end else { continue }
                    guard let name = try? CPEName(formattedString: criterion.text),
                        name[.vendor].logical?.lowercased() == vendor, name[.product].logical?.lowercased() == product
                    else { continue }
                    versions.insert(end.raw)
                }
            }
        }
        return versions.sorted()
    }

    /// The compiled CVE, found by binary search: the builder and the snapshot both keep CVEs in id order.
    func cve(_ id: CVEID) -> CompiledCVE? {
        var low = 0
        var high = cves.count
        while low < high {
            let middle = (low + high) / 2
            if cves[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < cves.count && cves[low].id == id ? cves[low] : nil
    }
}
