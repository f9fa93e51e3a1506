import AppCore
import Governance

/// Which agencies a supervisor's page shows and how it groups them, from the query string: `county=花蓮縣`,
/// `region=1` (DOMAIN §5.2 group number), `by=county|region`. Unknown values are ignored rather than refused, so
/// an old bookmark still opens the whole list.
struct SupervisorSelection: Sendable {
    enum Grouping: String, Sendable {
        case county, region
    }

    var county: LocalGovernment?
    var region: RegionGroup?
    var grouping: Grouping?
    /// The months shown, oldest first, ending with the current month in Taiwan.
    var months: [ReportingMonth]

    init(county: String?, region: String?, by: String?, months: [ReportingMonth]) {
        self.county = county.flatMap(LocalGovernment.init(rawValue:))
        self.region = region.flatMap { Int($0) }.flatMap(RegionGroup.init(rawValue:))
        grouping = by.flatMap(Grouping.init(rawValue:))
        self.months = months
    }

    func includes(_ agency: Agency) -> Bool {
        if let county, agency.localGovernment != county { return false }
        if let region, agency.regionGroup != region { return false }
        return true
    }

    /// The query string that reproduces this selection (for exports and the language switch), with `changes`.
    func query(grouping: Grouping?? = nil) -> String {
        var items: [String] = []
        if let county { items.append("county=\(HTMLText.pathSegment(county.rawValue))") }
        if let region { items.append("region=\(region.rawValue)") }
        if let chosen = grouping ?? self.grouping { items.append("by=\(chosen.rawValue)") }
        return items.isEmpty ? "" : "?" + items.joined(separator: "&")
    }

    /// Groups of the standings by county or region group; agencies of neither (central government) come last.
    func groups(_ standings: [AgencyStanding], language: Language) -> [(name: String, query: String?, GroupStanding)] {
        guard let grouping else { return [] }
        var result: [(name: String, query: String?, GroupStanding)] = []
        switch grouping {
        case .county:
            let byCounty = Dictionary(grouping: standings) { $0.agency.localGovernment }
            for county in byCounty.keys.compactMap({ $0 }).sorted(by: { $0.regionGroup < $1.regionGroup }) {
                result.append(
                    (
                        language.pick(county.nameZh, county.nameEn),
                        "?county=\(HTMLText.pathSegment(county.rawValue))",
                        GroupStanding(members: byCounty[county] ?? [])
                    ))
            }
            if let central = byCounty[nil] {
                result.append((language.pick("中央機關", "Central government"), nil, GroupStanding(members: central)))
            }
        case .region:
            let byRegion = Dictionary(grouping: standings) { $0.agency.regionGroup }
            for region in byRegion.keys.compactMap({ $0 }).sorted() {
                let lead = region.lead
                result.append(
                    (
                        language.pick(
                            "第\(region.rawValue)區（\(lead.nameZh)）", "Group \(region.rawValue) (\(lead.nameEn))"),
                        "?region=\(region.rawValue)", GroupStanding(members: byRegion[region] ?? [])
                    ))
            }
            if let central = byRegion[nil] {
                result.append((language.pick("中央機關", "Central government"), nil, GroupStanding(members: central)))
            }
        }
        return result
    }
}
