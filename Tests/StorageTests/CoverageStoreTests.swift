import AppCore
import Foundation
import Governance
import TestSupport
import Testing
import VulnModel

@testable import Storage

/// Systems, hosts, coverage evidence, zero trust and obligations through the SQL stores (migration 11).
@Suite struct CoverageStoreTests {
    static let day = Day(year: 2024, month: 3, day: 20) ?? Day(daysSinceEpoch: 0)

    static let list = """
        system_code,system_name,core,external_facing,host,host_kind,vans_reported_on,edr_seen_on,evidence
        HIS,醫療資訊系統,yes,no,host-1,server,,2024-03-02,EDR console export
        HIS,醫療資訊系統,yes,no,db-9,server,2024-02,,
        WEB,"官網, 對外",no,yes,web-1,server,,,
        OLD,停用系統,yes,no,,,,,
        """

    static func desk(_ backend: Backend) -> CoverageDesk {
        CoverageDesk(
            agencies: SQLAgencyStore(backend: backend), store: SQLCoverageStore(backend: backend),
            uploads: SQLUploadStore(backend: backend))
    }

    @Test("an imported list round-trips, and host coverage comes from snapshots and flags", arguments: Engine.allCases)
    func importAndCoverage(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let agency = Fixture.agencyB
            let desk = Self.desk(backend)
            let list = try SystemListReader(agency: agency).read(Array(Self.list.utf8))
            try await desk.importSystems(list)
            let stored = try await SQLCoverageStore(backend: backend).systems(agencies: [agency])
            #expect(stored.map(\.id.rawValue) == ["\(agency)#HIS", "\(agency)#OLD", "\(agency)#WEB"])
            #expect(stored.first?.hosts.map(\.host.rawValue) == ["db-9", "host-1"])
            #expect(stored.last?.name == "官網, 對外" && stored.last?.externalFacing == true)

            // host-1 is in March's completed upload (Fixture.rows(3) names host-1…host-3); db-9 only by its flag.
            let upload = try await fixture.receive("march", agency: agency, month: Fixture.march)
            _ = try await fixture.uploads.commitSnapshot(for: upload.upload.id, fencedBy: nil, now: Fixture.t0) {
                writer in
                try await writer.append(contentsOf: Fixture.rows(3))
                return Fixture.report(3, converted: 3)
            }
            let overview = try await desk.overview(CoverageFilter(asOf: Self.day, agencies: [agency]))
            #expect(overview.vans.total == 2)
            #expect(overview.vans.uncovered.map(\.system.rawValue) == ["\(agency)#OLD"])
            #expect(overview.edr.uncovered.count == 2)  // db-9 has no EDR; OLD has no hosts
            #expect(overview.edr.uncovered.first?.uncoveredHosts.map(\.host.rawValue) == ["db-9"])

            // The same list again changes nothing; a shorter one removes the missing system.
            try await desk.importSystems(list)
            #expect(try await fixture.count("info_systems") == 3)
            var shorter = list
            shorter.systems.removeAll { $0.id.parts?.code == "OLD" }
            try await desk.importSystems(shorter)
            #expect(try await fixture.count("info_systems") == 2)
            #expect(try await fixture.count("host_coverage") == 2)
        }
    }

    @Test("attestations and zero-trust deployments need a stored system", arguments: Engine.allCases)
    func attestationsAndZeroTrust(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let agency = Fixture.agencyB
            let desk = Self.desk(backend)
            try await desk.importSystems(try SystemListReader(agency: agency).read(Array(Self.list.utf8)))
            let old = InfoSystem.ID(agency: agency, code: "OLD")
            try await desk.attest(
                SystemAttestation(
                    system: old, mechanism: .vans, covered: true, attestedOn: Self.day, attestedBy: "資安長",
                    evidence: "inventory by hand"))
            let overview = try await desk.overview(CoverageFilter(asOf: Self.day, agencies: [agency]))
            // OLD (no hosts) is covered by its attestation; HIS's host-1 is in no upload here.
            #expect(overview.vans.uncovered.map(\.system) == [InfoSystem.ID(agency: agency, code: "HIS")])
            #expect(overview.vans.systems.first { $0.system == old }?.attestation?.attestedBy == "資安長")
            let deployment = ZeroTrustDeployment(
                system: old, phase: .device, status: .pilot, userScope: .vendorMaintainers, parallelLegacyAccess: true,
                startedOn: Self.day)
            try await desk.setZeroTrust(deployment)
            var changed = deployment
            changed.status = .production
            try await desk.setZeroTrust(changed)
            #expect(try await desk.zeroTrust(agencies: nil) == [changed])
            #expect(try await desk.zeroTrust(agencies: [Fixture.agencyA]).isEmpty)
            let unknown = ZeroTrustDeployment(
                system: InfoSystem.ID(agency: agency, code: "NOPE"), phase: .identity, status: .planned,
                userScope: .all, parallelLegacyAccess: false)
            #expect(await storeErrorKind { try await desk.setZeroTrust(unknown) } == .invalidReference)
            #expect(try await fixture.count("zero_trust_deployments") == 1)
        }
    }

    @Test(
        "obligations generate once, and a level change supersedes the set with history kept", arguments: Engine.allCases
    )
    func obligations(engine: Engine) async throws {
        let url = SharedData.packageRoot.appendingPathComponent("Data/governance/obligations.json")
        let catalogue = try ObligationCatalogue(json: [UInt8](try Data(contentsOf: url)))
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let agency = Fixture.agencyB
            let start = Day(year: 2022, month: 1, day: 1) ?? Self.day
            try await fixture.agencies.assignLevel(LevelAssignment(level: .c, effective: start), to: agency)
            let store = SQLObligationStore(backend: backend)
            let desk = ObligationDesk(
                agencies: fixture.agencies, coverage: SQLCoverageStore(backend: backend), store: store,
                catalogue: catalogue)
            let first = try await desk.generate(agency: agency, today: Self.day)
            let generated = first.first?.inserted ?? 0
            #expect(generated > 0 && first.first?.superseded == 0)
            let again = try await desk.generate(agency: agency, today: Self.day)
            #expect(again.first?.inserted == 0 && again.first?.superseded == 0)

            let items = try await desk.list(agency: agency, overdueOnly: false, today: Self.day)
            #expect(items.count == generated)
            #expect(items.allSatisfy { $0.template != nil && $0.stored.level == .c })
            guard let item = items.first(where: { $0.status != .notApplicable }) else {
                Issue.record("no applicable obligation for level C")
                return
            }
            try await desk.record(
                ObligationEvidence(code: item.stored.code, day: Self.day, kind: .started, note: "kick-off"),
                agency: agency, now: Fixture.t0)
            #expect(try await store.evidence(agency: agency)[agency]?.count == 1)
            let unknown = ObligationEvidence(code: "NO-SUCH", day: Self.day, kind: .done, note: "x")
            #expect(
                await storeErrorKind { try await desk.record(unknown, agency: agency, now: Fixture.t0) } == .notFound)

            let change = Day(year: 2024, month: 3, day: 1) ?? Self.day
            try await fixture.agencies.assignLevel(LevelAssignment(level: .b, effective: change), to: agency)
            let regenerated = try await desk.generate(agency: agency, today: Self.day)
            #expect(regenerated.first?.superseded == generated)
            let current = try await store.obligations(agency: agency, history: false)
            #expect(current.allSatisfy { $0.level == .b && $0.levelEffective == change })
            let all = try await store.obligations(agency: agency, history: true)
            #expect(all.count == current.count + generated)
            #expect(all.filter { $0.supersededOn == Self.day }.count == generated)
        }
    }
}
