import VulnModel

/// An information system (資通系統) of an agency (R3). Core systems (核心資通系統) are the coverage denominator.
public struct InfoSystem: Hashable, Sendable, Identifiable {
    public struct ID: Hashable, Comparable, Sendable, CustomStringConvertible {
        public let rawValue: String

        public init(_ rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }

        public static func < (lhs: ID, rhs: ID) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public enum Development: String, Hashable, Sendable {
        case selfDeveloped = "self"
        case outsourced
        case common
    }

    public var id: ID
    public var agency: Agency.ID
    public var name: String
    public var isCore: Bool
    public var externalFacing: Bool
    public var development: Development?
    /// The hosts the system runs on (many-to-many: a host may serve several systems).
    public var hosts: [HostRef]

    public init(
        id: ID,
        agency: Agency.ID,
        name: String,
        isCore: Bool,
        externalFacing: Bool = false,
        development: Development? = nil,
        hosts: [HostRef]
    ) {
        self.id = id
        self.agency = agency
        self.name = name
        self.isCore = isCore
        self.externalFacing = externalFacing
        self.development = development
        self.hosts = hosts
    }
}

/// A host as the agency identifies it. Host identifiers are only unique within an agency (two agencies may both
/// have `PC-01`), so every cross-agency reference carries the agency.
public struct HostRef: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var agency: Agency.ID
    public var host: HostID

    public init(agency: Agency.ID, host: HostID) {
        self.agency = agency
        self.host = host
    }

    public var description: String { "\(agency)/\(host)" }

    public static func < (lhs: HostRef, rhs: HostRef) -> Bool { (lhs.agency, lhs.host) < (rhs.agency, rhs.host) }
}

/// A host record (R3, DOMAIN.md §5.3 `Host`).
public struct Host: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case server
        case userPC = "user_pc"
        case networkDevice = "network_device"
        case iot
    }

    public var ref: HostRef
    public var kind: Kind
    public var hostname: String?
    public var ownerUnit: String?

    public init(ref: HostRef, kind: Kind, hostname: String? = nil, ownerUnit: String? = nil) {
        self.ref = ref
        self.kind = kind
        self.hostname = hostname
        self.ownerUnit = ownerUnit
    }
}
