import VulnModel

/// Which systems a coverage figure is about (R29): any combination of level, tier, local government, region
/// group and agency, as of a day. Levels are taken as of `asOf`, so a past figure uses past levels.
public struct CoverageFilter: Sendable {
    public var asOf: Day
    public var levels: Set<SecurityLevel>?
    public var tiers: Set<Agency.Tier>?
    public var localGovernments: Set<LocalGovernment>?
    public var regionGroups: Set<RegionGroup>?
    /// True: only agencies under a city or county government (the audit's population, §5.3).
    public var underLocalGovernment: Bool
    public var agencies: Set<Agency.ID>?
    public var coreOnly: Bool

    public init(
        asOf: Day,
        levels: Set<SecurityLevel>? = nil,
        tiers: Set<Agency.Tier>? = nil,
        localGovernments: Set<LocalGovernment>? = nil,
        regionGroups: Set<RegionGroup>? = nil,
        underLocalGovernment: Bool = false,
        agencies: Set<Agency.ID>? = nil,
        coreOnly: Bool = true
    ) {
        self.asOf = asOf
        self.levels = levels
        self.tiers = tiers
        self.localGovernments = localGovernments
        self.regionGroups = regionGroups
        self.underLocalGovernment = underLocalGovernment
        self.agencies = agencies
        self.coreOnly = coreOnly
    }

    public func includes(_ agency: Agency) -> Bool {
        if let agencies, !agencies.contains(agency.id) { return false }
        if let levels {
            guard let level = agency.level(on: asOf), levels.contains(level) else { return false }
        }
        if let tiers, !tiers.contains(agency.tier) { return false }
        if underLocalGovernment, agency.localGovernment == nil { return false }
        if let localGovernments {
            guard let local = agency.localGovernment, localGovernments.contains(local) else { return false }
        }
        if let regionGroups {
            guard let group = agency.regionGroup, regionGroups.contains(group) else { return false }
        }
        return true
    }

    public func includes(_ system: InfoSystem, of agency: Agency) -> Bool {
        (!coreOnly || system.isCore) && includes(agency)
    }
}
