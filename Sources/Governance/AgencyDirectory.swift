import VulnModel

/// A consistent set of agencies: unique OIDs, every supervisor present, no supervision cycle. Built once from
/// stored or imported data and then queried; invalid data is refused with the offending agency named.
public struct AgencyDirectory: Sendable {
    public let agencies: [Agency.ID: Agency]

    public init(_ list: [Agency]) throws(AgencyDirectoryError) {
        var byID: [Agency.ID: Agency] = [:]
        for agency in list {
            guard byID.updateValue(agency, forKey: agency.id) == nil else {
                throw AgencyDirectoryError(agency: agency.id, problem: .duplicate)
            }
        }
        for agency in list {
            if case .agency(let parent) = agency.supervisor {
                guard byID[parent] != nil else {
                    throw AgencyDirectoryError(agency: agency.id, problem: .unknownSupervisor(parent))
                }
                guard parent != agency.id else { throw AgencyDirectoryError(agency: agency.id, problem: .cycle) }
            }
        }
        agencies = byID
        for agency in list {
            var seen: Set<Agency.ID> = [agency.id]
            var cursor = agency.supervisor
            while case .agency(let parent) = cursor {
                guard seen.insert(parent).inserted else {
                    throw AgencyDirectoryError(agency: agency.id, problem: .cycle)
                }
                cursor = byID[parent]?.supervisor ?? .nation
            }
        }
    }

    public subscript(id: Agency.ID) -> Agency? { agencies[id] }

    /// Every agency, in OID order.
    public var all: [Agency] { agencies.values.sorted { $0.id < $1.id } }

    /// The supervisors above `id`, nearest first, ending with `.nation`: the escalation ladder (R23).
    public func supervisionChain(of id: Agency.ID) -> [Supervisor] {
        var chain: [Supervisor] = []
        var cursor = agencies[id]?.supervisor ?? .nation
        while case .agency(let parent) = cursor {
            chain.append(cursor)
            cursor = agencies[parent]?.supervisor ?? .nation
        }
        chain.append(.nation)
        return chain
    }

    /// The agencies directly supervised by `id`.
    public func subordinates(of id: Agency.ID) -> [Agency] {
        all.filter { $0.supervisor == .agency(id) }
    }

    /// The government agency of a city or county, when the directory holds it.
    public func government(of local: LocalGovernment) -> Agency? { all.first { $0.governs == local } }

    /// Counts agencies by tier and level on `day` (R31): agencies with no level on that day are left out.
    public func countByTierAndLevel(on day: Day, where include: (Agency) -> Bool = { _ in true })
        -> [Agency.Tier: [SecurityLevel: Int]]
    {
        var counts: [Agency.Tier: [SecurityLevel: Int]] = [:]
        for agency in agencies.values where include(agency) {
            guard let level = agency.level(on: day) else { continue }
            counts[agency.tier, default: [:]][level, default: 0] += 1
        }
        return counts
    }
}

public struct AgencyDirectoryError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Hashable, Sendable {
        case duplicate
        case unknownSupervisor(Agency.ID)
        case cycle
    }

    public var agency: Agency.ID
    public var problem: Problem

    public init(agency: Agency.ID, problem: Problem) {
        self.agency = agency
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .duplicate: "agency \(agency) appears twice"
        case .unknownSupervisor(let parent):
            "agency \(agency) names supervisor \(parent), which is not in the directory"
        case .cycle: "agency \(agency) is its own supervisor, directly or through others"
        }
    }
}
