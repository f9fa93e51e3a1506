/// Where the versions that fix a CVE for a product can be read: the upper bounds (`versionEndExcluding`) of the
/// CVE's vulnerable criteria for that product. An assessment source without configurations (a snapshot's) does not
/// conform, and the pages then show the patch links alone.
public protocol FixedVersionSource: Sendable {
    /// The distinct fixing versions of `cve` for `vendor:product` (lower-case, as NVD writes them), sorted as text.
    func fixedVersions(of cve: CVEID, vendor: String, product: String) -> [String]
}

extension KnowledgeBase: FixedVersionSource {
    public func fixedVersions(of cve: CVEID, vendor: String, product: String) -> [String] {
        guard let record = records[cve] else { return [] }
        var versions: Set<String> = []
        for configuration in record.configurations {
            for match in configuration.allMatches where match.vulnerable {
                guard let end = match.versionEndExcluding else { continue }
                let parts = Self.components(of: match.criteria)
                guard parts.count > 4, parts[3].lowercased() == vendor, parts[4].lowercased() == product else {
                    continue
                }
                versions.insert(end)
            }
        }
        return versions.sorted()
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
