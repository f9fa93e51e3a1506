/// A reference link with NVD's tags (`Patch`, `Vendor Advisory`, `Mitigation`, `Third Party Advisory` …).
/// CVE JSON 5 tags (`patch`, `vendor-advisory`) are mapped to NVD's spelling by the decoders.
public struct Reference: Hashable, Sendable {
    public var url: String
    public var tags: [String]
    public var source: String?

    public init(url: String, tags: [String] = [], source: String? = nil) {
        self.url = url
        self.tags = tags
        self.source = source
    }

    /// Tags that point an agency to a fix, in the order they are shown (R17, §1.6).
    public static let remediationTags = ["Patch", "Vendor Advisory", "Mitigation"]

    /// Rank for display: patch first, then vendor advisory, then mitigation; the same tags on a link NVD marks
    /// `Broken Link` come after every working one; everything else ranks last.
    public var remediationRank: Int {
        let tagCount = Reference.remediationTags.count
        guard let rank = Reference.remediationTags.firstIndex(where: { tags.contains($0) }) else { return 2 * tagCount }
        return isBroken ? tagCount + rank : rank
    }

    public var isRemediation: Bool { remediationRank < 2 * Reference.remediationTags.count }

    public var isBroken: Bool { tags.contains("Broken Link") }

    public static func nvdPage(for cve: CVEID) -> Reference {
        Reference(url: "https://nvd.nist.gov/vuln/detail/\(cve)", tags: ["NVD"], source: "nvd@nist.gov")
    }
}

extension Array where Element == Reference {
    /// Patch and vendor-advisory links first (stable within a rank), broken ones after working ones; the NVD
    /// page when no working remediation link exists (R17).
    public func prioritized(for cve: CVEID) -> [Reference] {
        let remediation = enumerated().filter { $0.element.isRemediation }
            .sorted { ($0.element.remediationRank, $0.offset) < ($1.element.remediationRank, $1.offset) }
            .map(\.element)
        return remediation.contains { !$0.isBroken } ? remediation : remediation + [Reference.nvdPage(for: cve)]
    }
}
