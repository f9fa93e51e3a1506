/// A host in an inventory (a hostname, asset tag or hashed MAC, as the agency identifies it).
public struct HostID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: HostID, rhs: HostID) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum FindingStatus: String, Hashable, Sendable {
    /// Every condition of a configuration holds for this host.
    case affected
    /// A configuration may hold, but something could not be decided honestly (a version that cannot be
    /// compared, an attribute the inventory leaves unspecified); `Evidence.reason` says what.
    case indeterminate
}

/// A platform condition ("running on/with") and the host item that satisfied it. A generic platform name the
/// host runs by virtue of a listed item (`o:microsoft:windows:-` for `windows_10_22h2`) names that item.
public struct PlatformEvidence: Hashable, Sendable {
    public var criterion: String
    public var range: String?
    public var item: String
    public var impliedBy: String?

    public init(criterion: String, range: String?, item: String, impliedBy: String? = nil) {
        self.criterion = criterion
        self.range = range
        self.item = item
        self.impliedBy = impliedBy
    }
}

/// Why a finding was raised: which configuration, which criterion and range matched the item, which
/// platform items satisfied the other conditions, and where the configuration came from.
public struct Evidence: Hashable, Sendable {
    public var configuration: Int
    public var criterion: String
    public var range: String?
    public var platform: [PlatformEvidence]
    public var reason: String?
    public var source: Provenance

    public init(
        configuration: Int,
        criterion: String,
        range: String?,
        platform: [PlatformEvidence],
        reason: String?,
        source: Provenance
    ) {
        self.configuration = configuration
        self.criterion = criterion
        self.range = range
        self.platform = platform
        self.reason = reason
        self.source = source
    }
}

/// One vulnerability of one inventory item on one host.
public struct Finding: Hashable, Sendable {
    public var host: HostID
    /// The item's CPE 2.3 name as the inventory gave it.
    public var cpe: String
    public var cve: CVEID
    public var status: FindingStatus
    public var evidence: [Evidence]

    public init(host: HostID, cpe: String, cve: CVEID, status: FindingStatus, evidence: [Evidence]) {
        self.host = host
        self.cpe = cpe
        self.cve = cve
        self.status = status
        self.evidence = evidence
    }
}
