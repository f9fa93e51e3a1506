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
                    let parts = Self.components(of: criterion.text)
                    guard parts.count > 4, parts[3].lowercased() == vendor, parts[4].lowercased() == product else {
                        continue
                    }
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

    /// The colon-separated components of a CPE 2.3 formatted string, with `\` escapes removed.
    static func components(of criteria: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in criteria {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}
