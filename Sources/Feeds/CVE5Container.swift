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
