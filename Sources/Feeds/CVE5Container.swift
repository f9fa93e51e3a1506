import JSON
import VulnModel

/// One CNA or ADP container of a CVE JSON 5 record, as read; turned into model values once the record's
/// metadata (which may come after the containers) is known.
struct CVE5Container {
    var shortName: String?
    var isADP = false
    var english: String?
    var rejectedReason: String?
    var metrics: [(version: CVSSVersion, vector: String, score: Double?)] = []
    var references: [Reference] = []
    var weaknesses: [String] = []
    var affected: [CVE5Affected] = []
    var kevDateAdded: Day?
    var hasKEV = false
}

/// One `affected[]` entry that names CPEs.
struct CVE5Affected {
    var cpes: [(text: String, offset: Int)] = []
    var versions: [CVE5Version] = []
    var defaultStatus: String?
    /// Set when the versions are those of a named package rather than of the CPE's product.
    var packageName: String?
}

/// One `versions[]` entry.
struct CVE5Version {
    var offset = 0
    var status = ""
    var version = ""
    var lessThan: String?
    var lessThanOrEqual: String?
    var versionType: String?
    var changes: [(at: String, status: String)] = []
}

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
