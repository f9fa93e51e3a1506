import AppCore
import Commands
import Foundation
import Governance
import Storage
import StorageSQLite
import TestSupport
import Testing
import VulnModel

/// `vans agencies import|list` and `vans systems attest` through the real command on an SQLite file.
@Suite struct AgenciesCLITests {
    static func withFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-agencies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    static func directory(_ path: String) async throws -> [Agency] {
        let storage = try await SQLiteStorage.open(path: path, connections: 1)
        do {
            let all = try await SQLAgencyStore(backend: storage.backend).directory().all
            await storage.close()
            return all
        } catch {
            await storage.close()
            throw error
        }
    }

    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func theSampleImportsListsAndReimportsWithLevelHistory() async throws {
        try await Self.withFolder { folder in
            let db = ["--database", folder.appendingPathComponent("vans.sqlite").path]
            let sample = SharedData.packageRoot.appendingPathComponent("Samples/agencies.csv").path
            #expect(await VansCLI.run(["agencies", "import", sample] + db) == 0)
            for format in ["table", "csv", "json"] {
                #expect(await VansCLI.run(["agencies", "list", "--format", format] + db) == 0)
            }
            #expect(await VansCLI.run(["agencies", "list", "--format", "xml"] + db) == 2)
            var agencies = try await Self.directory(db[1])
            #expect(agencies.map(\.id.rawValue).contains("2.16.886.101.90003"))
            #expect(agencies.count == 4)

            let change = try Self.write(
                """
                oid,name_zh,tier,county,supervisor_oid,level,level_date
                2.16.886.101.90003,花蓮縣吉安鄉公所,township,花蓮縣,2.16.886.101.90001,C,2025-01-15

                """, "change.csv", in: folder)
            #expect(await VansCLI.run(["agencies", "import", change] + db) == 0)
            agencies = try await Self.directory(db[1])
            let township = try #require(agencies.first { $0.id.rawValue == "2.16.886.101.90003" })
            #expect(township.levels.assignments.map(\.level) == [.d, .c])
            #expect(agencies.count == 4)
        }
    }

    @Test(arguments: [
        ("bad OID", "2.16.886.101.07,甲,central,,,", "oid"),
        ("unknown tier", "2.16.886.101.7,甲,galactic,,,", "tier"),
        ("unknown county", "2.16.886.101.7,甲,township,,,天龍縣", "county"),
        ("unknown level", "2.16.886.101.7,甲,central,Z,2024-01-01,", "level"),
        ("bad date", "2.16.886.101.7,甲,central,A,2024-13-01,", "level_date"),
        ("unknown supervisor", "2.16.886.101.7,甲,central,,,,2.16.886.101.99999", "supervisor_oid"),
        ("cycle", "2.16.886.101.90001,花蓮縣政府,county_city,A,2021-08-23,花蓮縣,2.16.886.101.90003", "supervisor_oid"),
        ("duplicate OID", "2.16.886.101.8,乙,central,,,\n2.16.886.101.8,丙,central,,,", "oid"),
    ])
    func aBadRowIsRefusedAndNothingIsStored(name: String, row: String, column: String) async throws {
        try await Self.withFolder { folder in
            let db = ["--database", folder.appendingPathComponent("vans.sqlite").path]
            let sample = SharedData.packageRoot.appendingPathComponent("Samples/agencies.csv").path
            #expect(await VansCLI.run(["agencies", "import", sample] + db) == 0)
            let before = try await Self.directory(db[1])
            // A good new agency first: it must not be stored when a later row is refused.
            let text = """
                oid,name_zh,tier,level,level_date,county,supervisor_oid
                2.16.886.101.90010,新機關,central,,,,
                \(row)

                """
            let file = try Self.write(text, "bad.csv", in: folder)
            #expect(await VansCLI.run(["agencies", "import", file] + db) == 2, "\(name)")
            #expect(try await Self.directory(db[1]) == before, "\(name)")

            // The message names the row and the column.
            let storage = try await SQLiteStorage.open(path: db[1], connections: 1)
            let failure: CSVTableError?
            do {
                _ = try await AgencyImporter(agencies: SQLAgencyStore(backend: storage.backend))
                    .importRows(try AgencyListReader.read(Array(text.utf8)))
                failure = nil
            } catch let error as CSVTableError {
                failure = error
            }
            await storage.close()
            #expect(failure?.column == column, "\(name): \(String(describing: failure))")
            #expect(failure?.line == (name == "duplicate OID" ? 4 : 3), "\(name): \(String(describing: failure))")
        }
    }

    @Test func attestationsAreRecordedFromAFileWholeOrNotAtAll() async throws {
        try await Self.withFolder { folder in
            let db = ["--database", folder.appendingPathComponent("vans.sqlite").path]
            let samples = SharedData.packageRoot.appendingPathComponent("Samples")
            #expect(
                await VansCLI.run(["agencies", "import", samples.appendingPathComponent("agencies.csv").path] + db) == 0
            )
            let systems = SharedData.fixture("Coverage/systems.csv").path
            #expect(await VansCLI.run(["systems", "import", systems, "--agency", "2.16.886.101.20007"] + db) == 0)

            let unknown = try Self.write(
                """
                agency,system_code,mechanism,covered,attested_on,attested_by,evidence
                2.16.886.101.20007,HIS,edr,yes,2024-03-20,資安長,console export
                2.16.886.101.20007,NOPE,edr,yes,2024-03-20,資安長,console export

                """, "unknown.csv", in: folder)
            #expect(await VansCLI.run(["systems", "attest", unknown] + db) == 2)
            #expect(try await Self.attestations(db[1]).isEmpty)

            let sample = samples.appendingPathComponent("attestations.csv").path
            #expect(await VansCLI.run(["systems", "attest", sample] + db) == 0)
            #expect(await VansCLI.run(["systems", "attest", sample] + db) == 0)
            let stored = try await Self.attestations(db[1])
            #expect(stored.map(\.mechanism).sorted { $0.rawValue < $1.rawValue } == [.edr, .vans])
            #expect(await VansCLI.run(["coverage", "--as-of", "2024-03-31", "--format", "json"] + db) == 0)
        }
    }

    static func attestations(_ path: String) async throws -> [SystemAttestation] {
        let storage = try await SQLiteStorage.open(path: path, connections: 1)
        do {
            let day = try #require(Day(iso8601: "2030-01-01"))
            let evidence = try await SQLCoverageStore(backend: storage.backend).evidence(through: day)
            await storage.close()
            return Array(evidence.attestations.values.joined())
        } catch {
            await storage.close()
            throw error
        }
    }
}
