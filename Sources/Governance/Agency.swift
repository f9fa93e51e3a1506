import VulnModel

/// A public agency or specific non-public agency (DOMAIN.md §5.3 `Agency`, R2).
public struct Agency: Hashable, Sendable, Identifiable {
    public enum Tier: String, Hashable, Sendable, CaseIterable {
        case central
        case municipal
        case countyCity = "county_city"
        case township
    }

    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case `public`
        case ciProvider = "ci_provider"
        case stateOwnedEnterprise = "soe"
        case foundation
        case administrativeCorporation = "admin_corp"

        /// 公務機關 vs 特定非公務機關: the annexes of the level regulation differ between them. Administrative
        /// corporations are counted with public agencies in the ACS statistics (DOMAIN.md §5.1).
        public var isPublicAgency: Bool { self == .public || self == .administrativeCorporation }
    }

    /// A unit inside the agency (單位), e.g. the owner of a host or the information office.
    public struct Unit: Hashable, Sendable {
        public var code: String
        public var nameZh: String
        public var nameEn: String?

        public init(code: String, nameZh: String, nameEn: String? = nil) {
            self.code = code
            self.nameZh = nameZh
            self.nameEn = nameEn
        }
    }

    public var id: ID
    public var nameZh: String
    public var nameEn: String?
    public var tier: Tier
    public var kind: Kind
    /// The city or county the agency belongs to; nil for central agencies.
    public var localGovernment: LocalGovernment?
    public var supervisor: Supervisor
    public var levels: LevelHistory
    public var units: [Unit]
    /// R7: email filtering is required only of agencies that run a mail server.
    public var hasMailServer: Bool
    /// The agency that governs a city or county (its government itself), so escalation and local-government
    /// filters can find it.
    public var governs: LocalGovernment?

    public init(
        id: ID,
        nameZh: String,
        nameEn: String? = nil,
        tier: Tier,
        kind: Kind = .public,
        localGovernment: LocalGovernment? = nil,
        supervisor: Supervisor,
        levels: LevelHistory = .empty,
        units: [Unit] = [],
        hasMailServer: Bool = false,
        governs: LocalGovernment? = nil
    ) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.tier = tier
        self.kind = kind
        self.localGovernment = localGovernment
        self.supervisor = supervisor
        self.levels = levels
        self.units = units
        self.hasMailServer = hasMailServer
        self.governs = governs
    }

    public var regionGroup: RegionGroup? { localGovernment?.regionGroup }

    public func level(on day: Day) -> SecurityLevel? { levels.level(on: day) }

    /// Whether the agency must upload to VANS on `day` (DOMAIN.md §1.1): public agencies at A–C, and CI providers.
    /// Monthly-upload checks use this; the adoption deadline itself is an obligation (R5).
    public func isInVANSScope(on day: Day) -> Bool {
        guard let level = level(on: day), level.requiresVANS else { return false }
        return kind.isPublicAgency || kind == .ciProvider
    }
}

/// Who supervises an agency (上級/主管機關): another agency (a ministry, or a city/county government), or the
/// nation (ACS) at the top, where escalation stops.
public enum Supervisor: Hashable, Sendable {
    case nation
    case agency(Agency.ID)
}
