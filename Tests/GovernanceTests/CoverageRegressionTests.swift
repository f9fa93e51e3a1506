import Governance
import TestSupport
import Testing
import VulnModel

/// DOMAIN.md §5.1/§5.3 regression figures (R29–R31) over `CoveragePopulation` (TestSupport).
@Suite struct CoverageRegressionTests {
    @Test func coreSystemsWithoutVANSUnderLocalGovernments() throws {
        let population = CoveragePopulation.population()
        let calculator = CoverageCalculator(evidence: population.evidence)
        let filter = CoverageFilter(asOf: CoveragePopulation.asOf, levels: [.b, .c], underLocalGovernment: true)
        let report = calculator.report(
            systems: population.systems, agencies: try AgencyDirectory(population.agencies), mechanism: .vans,
            filter: filter)
        #expect(report.total == 1405)
        #expect(report.uncovered.count == 218)
        #expect(report.uncoveredShare.description == "15.52%")
    }

    @Test func levelBCoreSystemsWithoutEDR() throws {
        let population = CoveragePopulation.population()
        let calculator = CoverageCalculator(evidence: population.evidence)
        let filter = CoverageFilter(asOf: CoveragePopulation.asOf, levels: [.b], underLocalGovernment: true)
        let report = calculator.report(
            systems: population.systems, agencies: try AgencyDirectory(population.agencies), mechanism: .edr,
            filter: filter)
        #expect(report.total == 642)
        #expect(report.uncovered.count == 38)
        #expect(report.uncoveredShare.description == "5.92%")
    }

    /// Any filter: the per-region and per-government figures add up to the whole.
    @Test func regionAndCountyFiltersPartitionTheWhole() throws {
        let population = CoveragePopulation.population()
        let directory = try AgencyDirectory(population.agencies)
        let calculator = CoverageCalculator(evidence: population.evidence)
        var total = 0
        var uncovered = 0
        for group in RegionGroup.allCases {
            let report = calculator.report(
                systems: population.systems, agencies: directory, mechanism: .vans,
                filter: CoverageFilter(asOf: CoveragePopulation.asOf, levels: [.b, .c], regionGroups: [group]))
            total += report.total
            uncovered += report.uncovered.count
            var byCounty = 0
            for government in group.members {
                byCounty +=
                    calculator.report(
                        systems: population.systems, agencies: directory, mechanism: .vans,
                        filter: CoverageFilter(
                            asOf: CoveragePopulation.asOf, levels: [.b, .c], localGovernments: [government])
                    ).total
            }
            #expect(byCounty == report.total)
        }
        #expect(total == 1405 && uncovered == 218)
    }

    /// R31: central level B and C public agencies (administrative corporations included) at end-2022.
    @Test func centralLevelBAndCAgencies() throws {
        let agencies = CoveragePopulation.centralAgencies()
        let directory = try AgencyDirectory(agencies)
        let counts = directory.countByTierAndLevel(on: day("2022-12-31")) { $0.kind.isPublicAgency }
        let central = counts[.central] ?? [:]
        #expect(central[.b] == 112)
        #expect(central[.c] == 466)
        #expect((central[.b] ?? 0) + (central[.c] ?? 0) == 578)
    }

    @Test(arguments: [(218, 1405, "15.52%"), (38, 642, "5.92%"), (1, 8, "12.50%"), (0, 5, "0.00%"), (1, 0, "n/a")])
    func percentagesRoundHalfUp(count: Int, total: Int, text: String) {
        #expect(Percentage(count: count, total: total).description == text)
    }
}
