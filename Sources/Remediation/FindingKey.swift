import Governance
import VulnModel

/// What one remediation record is about: one CVE of one product version on one host of one agency. Two uploads
/// reporting the same key are the same finding, so its history carries over month to month.
public struct FindingKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var agency: Agency.ID
    public var host: HostID
    public var cve: CVEID
    public var item: ItemVersion

    public init(agency: Agency.ID, host: HostID, cve: CVEID, item: ItemVersion) {
        self.agency = agency
        self.host = host
        self.cve = cve
        self.item = item
    }

    /// The key of a matched finding of `agency`.
    public init(agency: Agency.ID, finding: Finding) throws(ProductRefError) {
        self.init(agency: agency, host: finding.host, cve: finding.cve, item: try ItemVersion(cpe: finding.cpe))
    }

    public var hostRef: HostRef { HostRef(agency: agency, host: host) }

    /// Stable text, used in idempotency keys and exports: `agency/host/CVE/vendor:product:version`.
    public var description: String { "\(agency)/\(host)/\(cve)/\(item)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.agency, lhs.host, lhs.cve, lhs.item) < (rhs.agency, rhs.host, rhs.cve, rhs.item)
    }
}
