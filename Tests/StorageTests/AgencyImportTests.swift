import AppCore
import Foundation
import Governance
import TestSupport
import Testing
import VulnModel

@testable import Storage

/// `vans agencies import` and `vans systems attest` below the command: the directory file against the stored
/// directory, all or nothing, on both engines.
@Suite struct AgencyImportTests {
    static let header = "oid,name_zh,tier,county,supervisor_oid,level,level_date,mail_server,governs\n"

    static func rows(_ body: String) throws -> [AgencyListRow] {
        try AgencyListReader.read(Array((header + body).utf8))
    }

    static func sample() throws -> [AgencyListRow] {
        try AgencyListReader.read(
            [UInt8](try Data(contentsOf: SharedData.packageRoot.appendingPathComponent("Samples/agencies.csv"))))
    }

    @Test(
        "the sample imports; a second file updates by OID, keeps units and adds to the level history",
        arguments: Engine.allCases)
    func importAndReimport(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let store = SQLAgencyStore(backend: backend)
            let importer = AgencyImporter(agencies: store)
            let first = try await importer.importRows(try Self.sample())
            #expect(first == AgencyImportSummary(inserted: 4, updated: 0, levelsAdded: 4))
            let county = Fixture.oid("2.16.886.101.90001")
            let bureau = Fixture.oid("2.16.886.101.90002")
            var stored = try await store.agency(bureau)
            #expect(stored.supervisor == .agency(county) && stored.level(on: Day(year: 2024, month: 1, day: 1)!) == .c)
            stored.units = [Agency.Unit(code: "IT", nameZh: "資訊室")]
            try await store.save([stored])

            // Again, unchanged: nothing new in any history.
            #expect(try await importer.importRows(try Self.sample()).levelsAdded == 0)

            let second = try await importer.importRows(
                try Self.rows(
                    """
                    2.16.886.101.90002,花蓮縣政府衛生局,county_city,花蓮縣,2.16.886.101.90001,B,2024-07-01,yes,
                    2.16.886.101.90004,花蓮縣秀林鄉公所,township,花蓮縣,2.16.886.101.90001,,,,

                    """))
            #expect(second == AgencyImportSummary(inserted: 1, updated: 1, levelsAdded: 1))
            let after = try await store.agency(bureau)
            #expect(after.nameZh == "花蓮縣政府衛生局" && after.hasMailServer)
            #expect(after.units.map(\.code) == ["IT"])
            #expect(after.levels.assignments.map(\.level) == [.c, .b])
            #expect(after.levels.assignments.map(\.effective.description) == ["2022-03-01", "2024-07-01"])
            #expect(try await store.directory().all.count == 5)
        }
    }

    @Test("a refused row names its line and column, and nothing of the file is stored", arguments: Engine.allCases)
    func refusals(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let store = SQLAgencyStore(backend: backend)
            let importer = AgencyImporter(agencies: store)
            _ = try await importer.importRows(try Self.sample())
            let before = try await store.directory().all
            // Each file starts with a good new agency, which must not be stored either.
            let good = "2.16.886.101.90009,新機關,township,花蓮縣,2.16.886.101.90001,,,,\n"
            let cases: [(body: String, line: Int, column: String)] = [
                ("2.16.886.101.90005,甲,township,花蓮縣,2.16.886.101.99999,,,,\n", 3, "supervisor_oid"),
                // 90002 is stored under 90001: making 90001 its subordinate closes a cycle.
                (
                    "2.16.886.101.90001,花蓮縣政府,county_city,花蓮縣,2.16.886.101.90002,A,2021-08-23,yes,花蓮縣\n", 3,
                    "supervisor_oid"
                ),
                // Two new agencies supervising each other.
                (
                    "2.16.886.101.90006,甲,township,,2.16.886.101.90007,,,,\n2.16.886.101.90007,乙,township,,2.16.886.101.90006,,,,\n",
                    3, "supervisor_oid"
                ),
                // Another level on a day that already has one is a rewrite of history, not a change.
                ("2.16.886.101.90001,花蓮縣政府,county_city,花蓮縣,nation,B,2021-08-23,yes,花蓮縣\n", 3, "level_date"),
            ]
            for (body, line, column) in cases {
                await #expect {
                    _ = try await importer.importRows(try Self.rows(good + body))
                } throws: { error in
                    guard let error = error as? CSVTableError else { return false }
                    return error.line == line && error.column == column
                }
            }
            #expect(try await store.directory().all == before)
        }
    }

    @Test("a file of attestations is stored whole or not at all", arguments: Engine.allCases)
    func attestations(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            _ = try await Fixture(backend)
            let desk = CoverageStoreTests.desk(backend)
            try await desk.importSystems(
                try SystemListReader(agency: Fixture.agencyB).read(Array(CoverageStoreTests.list.utf8)))
            let header = "agency,system_code,mechanism,covered,attested_on,attested_by,evidence\n"
            let good = "\(Fixture.agencyB),OLD,vans,yes,2024-03-20,資安長,decommissioned; no software runs\n"
            let unknown = "\(Fixture.agencyB),NOPE,edr,yes,2024-03-20,資安長,console\n"
            let refused = try AttestationListReader.read(Array((header + good + unknown).utf8))
            await #expect(
                throws: CSVTableError(
                    line: 3, column: "system_code", reason: "agency \(Fixture.agencyB) has no system NOPE")
            ) {
                try await desk.attest(refused)
            }
            // Below the check, the store's transaction keeps the good row out too.
            let kind = await storeErrorKind { try await desk.store.attest(refused.map(\.attestation)) }
            #expect(kind == .invalidReference)
            #expect(try await desk.store.evidence(through: CoverageStoreTests.day).attestations.isEmpty)

            let rows = try AttestationListReader.read(Array((header + good).utf8))
            try await desk.attest(rows)
            try await desk.attest(rows)  // the same file again replaces, not duplicates
            let stored = try await desk.store.evidence(through: CoverageStoreTests.day).attestations
            #expect(stored.values.joined().map(\.attestedBy) == ["資安長"])
        }
    }
}
