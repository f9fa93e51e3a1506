import AppCore
import Governance
import TestSupport
import Testing
import VulnModel

@testable import Storage

/// DOMAIN.md's regression figures (R29–R31) out of stored data: the GovernanceTests population is saved through
/// the stores, read back by `CoverageDesk` and computed with the L0 calculator, on both engines.
@Suite struct CoverageRegressionStorageTests {
    /// Saves the population: agencies, each agency's systems, hosts and dated host facts, then attestations.
    static func load(_ population: CoveragePopulation.Population, into backend: Backend) async throws -> CoverageDesk {
        let agencies = SQLAgencyStore(backend: backend)
        try await agencies.save(population.agencies)
        let desk = CoverageDesk(
            agencies: agencies, store: SQLCoverageStore(backend: backend), uploads: SQLUploadStore(backend: backend))
        let systemsByAgency = Dictionary(grouping: population.systems, by: \.agency)
        for agency in population.agencies {
            let systems = systemsByAgency[agency.id] ?? []
            let hosts = Set(systems.flatMap(\.hosts))
            var evidence: [HostEvidence] = []
            for host in hosts.sorted() {
                for month in population.evidence.vansMonths[host] ?? [] {
                    evidence.append(
                        HostEvidence(host: host, mechanism: .vans, observedOn: month.firstDay, evidence: "fixture"))
                }
                for seen in Set(population.evidence.edrSeen[host] ?? []) {
                    evidence.append(HostEvidence(host: host, mechanism: .edr, observedOn: seen, evidence: "fixture"))
                }
            }
            try await desk.importSystems(
                SystemList(
                    agency: agency.id, systems: systems, hosts: hosts.sorted().map { Host(ref: $0, kind: .server) },
                    evidence: evidence))
        }
        // The fixture states a system's attestation once per host; it is one fact.
        for attestation in Set(population.evidence.attestations.values.joined()) {
            try await desk.attest(attestation)
        }
        return desk
    }

    @Test("15.52 % of core systems without VANS and 5.92 % of level B ones without EDR", arguments: Engine.allCases)
    func coverageFigures(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let desk = try await Self.load(CoveragePopulation.population(), into: backend)
            let vans = try await desk.overview(
                CoverageFilter(asOf: CoveragePopulation.asOf, levels: [.b, .c], underLocalGovernment: true)
            ).vans
            #expect(vans.total == 1405)
            #expect(vans.uncovered.count == 218)
            #expect(vans.uncoveredShare.description == "15.52%")
            let edr = try await desk.overview(
                CoverageFilter(asOf: CoveragePopulation.asOf, levels: [.b], underLocalGovernment: true)
            ).edr
            #expect(edr.total == 642)
            #expect(edr.uncovered.count == 38)
            #expect(edr.uncoveredShare.description == "5.92%")
        }
    }

    @Test("578 central level B and C public agencies at end-2022", arguments: Engine.allCases)
    func centralAgencyCount(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let agencies = SQLAgencyStore(backend: backend)
            try await agencies.save(CoveragePopulation.centralAgencies())
            let desk = CoverageDesk(
                agencies: agencies, store: SQLCoverageStore(backend: backend),
                uploads: SQLUploadStore(backend: backend))
            let central =
                try await desk.agencyCounts(on: Day(year: 2022, month: 12, day: 31) ?? .init(daysSinceEpoch: 0))[
                    .central] ?? [:]
            #expect(central[.b] == 112)
            #expect(central[.c] == 466)
            #expect((central[.b] ?? 0) + (central[.c] ?? 0) == 578)
        }
    }
}
