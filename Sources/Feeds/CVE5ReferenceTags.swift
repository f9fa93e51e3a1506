/// CVE 5 reference tags in NVD's spelling (`Reference.remediationTags` and the rest of NVD's tag list);
/// `x_…` tags are CNA-private and dropped, unknown ones are kept as written.
enum CVE5ReferenceTags {
    static let nvdSpelling: [String: String] = [
        "patch": "Patch", "vendor-advisory": "Vendor Advisory", "mitigation": "Mitigation",
        "third-party-advisory": "Third Party Advisory", "exploit": "Exploit", "issue-tracking": "Issue Tracking",
        "mailing-list": "Mailing List", "release-notes": "Release Notes",
        "technical-description": "Technical Description", "vdb-entry": "VDB Entry",
        "permissions-required": "Permissions Required", "broken-link": "Broken Link", "product": "Product",
        "government-resource": "US Government Resource", "signature": "Tool Signature",
        "media-coverage": "Press/Media Coverage", "not-applicable": "Not Applicable",
    ]

    static func nvdTag(_ tag: String) -> String? {
        if tag.hasPrefix("x_") { return nil }
        return nvdSpelling[tag] ?? tag
    }
}
