import Governance
import VulnModel

/// DOMAIN.md §5.1/§5.3's regression population (R29–R31), built to the spec's description: level B and C agencies
/// under the 22 city/county governments, end-2023, with 1,405 core systems of which 218 have no VANS, and 642
/// level-B core systems of which 38 have no EDR; plus systems that must not count (central agencies, level A and D,
/// non-core systems, a level that changed after the as-of day). GovernanceTests compute 15.52 %, 5.92 % and 578 from
/// it in memory; StorageTests load the same population into both engines.
public enum CoveragePopulation {
    public static let asOf = day("2023-12-31")
    public static let december = ReportingMonth(containing: day("2023-12-01"))

    public struct Population {
        public var agencies: [Agency] = []
        public var systems: [InfoSystem] = []
        public var evidence = CoverageEvidence()
        var serial = 0

        /// Adds `count` agencies of `level`, each with `systemsEach` core systems of two hosts.
        mutating func addAgencies(
            _ count: Int, level: SecurityLevel, tier: Agency.Tier, local: Bool, systemsEach: Int, effective: Day
        ) -> [InfoSystem.ID] {
            var added: [InfoSystem.ID] = []
            for index in 0..<count {
                serial += 1
                let government = LocalGovernment.allCases[serial % LocalGovernment.allCases.count]
                let agency = Agency(
                    id: oid("2.16.886.500.\(serial)"), nameZh: "機關\(serial)", tier: tier,
                    localGovernment: local ? government : nil, supervisor: .nation,
                    levels: (try? LevelHistory([LevelAssignment(level: level, effective: effective)])) ?? .empty)
                agencies.append(agency)
                for number in 0..<systemsEach {
                    let system = InfoSystem(
                        id: InfoSystem.ID("\(agency.id)#\(number)"), agency: agency.id, name: "系統\(index)-\(number)",
                        isCore: true,
                        hosts: [
                            HostRef(agency: agency.id, host: HostID("srv-\(number)")),
                            HostRef(agency: agency.id, host: HostID("db-\(number)")),
                        ])
                    systems.append(system)
                    added.append(system.id)
                }
            }
            return added
        }

        func system(_ id: InfoSystem.ID) -> InfoSystem? { systems.first { $0.id == id } }

        /// Covered by both mechanisms, through the ways the rule allows (this month, last month, attestation).
        mutating func cover(_ id: InfoSystem.ID, variant: Int) {
            guard let system = system(id) else { return }
            let month = variant % 2 == 0 ? CoveragePopulation.december : CoveragePopulation.december.previous
            for (position, host) in system.hosts.enumerated() {
                if variant % 10 == 3, position == 1 {
                    evidence.attest(
                        SystemAttestation(
                            system: id, mechanism: .vans, covered: true, attestedOn: day("2023-12-20"),
                            attestedBy: "資安長", evidence: "appliance without an agent; inventory by hand"))
                } else {
                    evidence.recordUpload(host, month: month)
                }
                evidence.recordEDRSighting(host, on: variant % 2 == 0 ? day("2023-12-28") : day("2023-11-02"))
            }
        }

        /// Not covered by `mechanism`, for one of the reasons the rule must catch.
        mutating func leaveUncovered(_ id: InfoSystem.ID, by mechanism: CoverageMechanism, variant: Int) {
            guard let system = system(id) else { return }
            for (position, host) in system.hosts.enumerated() {
                switch (mechanism, variant % 4) {
                case (.vans, 0): if position == 0 { evidence.recordUpload(host, month: december) }  // one host only
                case (.vans, 1): evidence.recordUpload(host, month: december.adding(months: -2))  // too old
                case (.vans, 2): evidence.recordUpload(host, month: december.next)  // after the as-of day
                case (.vans, _):
                    evidence.recordUpload(host, month: december)
                    evidence.attest(
                        SystemAttestation(
                            system: id, mechanism: .vans, covered: false, attestedOn: day("2023-12-01"),
                            attestedBy: "稽核", evidence: "hosts uploaded under another system's inventory"))
                case (.edr, 0): if position == 1 { evidence.recordEDRSighting(host, on: day("2023-12-30")) }
                case (.edr, 1): evidence.recordEDRSighting(host, on: day("2023-10-31"))
                case (.edr, _): evidence.recordEDRSighting(host, on: day("2024-01-02"))
                }
                if mechanism == .vans { evidence.recordEDRSighting(host, on: day("2023-12-15")) }
                if mechanism == .edr { evidence.recordUpload(host, month: december) }
            }
        }
    }

    public static func population() -> Population {
        var population = Population()
        let start = day("2020-01-01")
        let levelB = population.addAgencies(
            107, level: .b, tier: .countyCity, local: true, systemsEach: 6, effective: start)
        let levelC = population.addAgencies(
            109, level: .c, tier: .township, local: true, systemsEach: 7, effective: start)
        for (index, id) in levelB.enumerated() {
            if index < 80 {
                population.leaveUncovered(id, by: .vans, variant: index)
            } else if index >= 600 && index < 638 {
                population.leaveUncovered(id, by: .edr, variant: index)
            } else {
                population.cover(id, variant: index)
            }
        }
        for (index, id) in levelC.enumerated() {
            if index < 138 {
                population.leaveUncovered(id, by: .vans, variant: index)
            } else {
                population.cover(id, variant: index)
            }
        }
        // Systems outside the population, all uncovered: they must not move the figures.
        _ = population.addAgencies(10, level: .b, tier: .central, local: false, systemsEach: 3, effective: start)
        _ = population.addAgencies(4, level: .a, tier: .municipal, local: true, systemsEach: 3, effective: start)
        _ = population.addAgencies(5, level: .d, tier: .township, local: true, systemsEach: 2, effective: start)
        _ = population.addAgencies(
            3, level: .b, tier: .countyCity, local: true, systemsEach: 2, effective: day("2024-02-01"))
        for agency in population.agencies.prefix(20) {
            population.systems.append(
                InfoSystem(
                    id: InfoSystem.ID("\(agency.id)#web"), agency: agency.id, name: "官網", isCore: false,
                    externalFacing: true, hosts: [HostRef(agency: agency.id, host: HostID("web"))]))
        }
        return population
    }

    /// R31's central agencies at end-2022 (`centralLevelBAndCAgencies`).
    public static func centralAgencies() -> [Agency] {
        var agencies: [Agency] = []
        func add(_ count: Int, _ level: SecurityLevel, _ tier: Agency.Tier, _ kind: Agency.Kind, _ effective: String) {
            for _ in 0..<count {
                agencies.append(
                    Agency(
                        id: oid("2.16.886.600.\(agencies.count + 1)"), nameZh: "機關", tier: tier, kind: kind,
                        supervisor: .nation,
                        levels: (try? LevelHistory([LevelAssignment(level: level, effective: day(effective))]))
                            ?? .empty))
            }
        }
        add(100, .b, .central, .public, "2019-01-01")
        add(12, .b, .central, .administrativeCorporation, "2021-05-01")
        add(460, .c, .central, .public, "2019-01-01")
        add(6, .c, .central, .administrativeCorporation, "2022-12-31")
        add(47, .a, .central, .public, "2019-01-01")
        add(9, .c, .central, .public, "2023-01-01")  // approved after the count date
        add(30, .b, .countyCity, .public, "2019-01-01")
        add(5, .b, .central, .ciProvider, "2019-01-01")
        return agencies
    }
}

private func day(_ text: String) -> Day {
    guard let parsed = Day(iso8601: text) else { preconditionFailure("fixture date \(text)") }
    return parsed
}

private func oid(_ text: String) -> Agency.ID {
    do { return try Agency.ID(text) } catch { preconditionFailure("fixture OID \(text): \(error)") }
}
