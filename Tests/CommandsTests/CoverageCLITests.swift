import AppCore
import Commands
import Foundation
import Governance
import Storage
import StorageSQLite
import TestSupport
import Testing
import VulnModel

@Suite("vans systems / coverage / obligations / zero-trust on an SQLite file")
struct CoverageCLITests {
    @Test("the sample list imports, coverage and obligations run, bad input exits 2 and changes nothing")
    func importThenReport() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-cov-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vans.sqlite").path
        let agency = try Agency.ID(DemoAgency.oid)
        let seeding = try await SQLiteStorage.open(path: path, connections: 1)
        var demo = try DemoAgency.agency()
        demo.levels = try LevelHistory([LevelAssignment(level: .b, effective: try #require(Day(iso8601: "2022-01-01")))]
        )
        try await SQLAgencyStore(backend: seeding.backend).save([demo])
        await seeding.close()

        let db = ["--database", path]
        let sample = SharedData.fixture("Coverage/systems.csv").path
        let bad = folder.appendingPathComponent("bad.csv").path
        try Data("system_code,system_name,core\nA,a,maybe\n".utf8).write(to: URL(fileURLWithPath: bad))
        #expect(await VansCLI.run(["systems", "import", bad, "--agency", agency.rawValue] + db) == 2)
        #expect(await VansCLI.run(["systems", "import", sample, "--agency", "2.16.886.101.99999"] + db) == 2)
        #expect(await VansCLI.run(["systems", "import", sample, "--agency", agency.rawValue] + db) == 0)
        #expect(await VansCLI.run(["coverage", "--as-of", "2024-03-31", "--format", "json"] + db) == 0)
        #expect(await VansCLI.run(["coverage", "--level", "Z"] + db) == 2)
        #expect(
            await VansCLI.run(
                [
                    "zero-trust", "set", "--agency", agency.rawValue, "--system", "HIS", "--phase", "2", "--status",
                    "production", "--user-scope", "all",
                ] + db) == 0)
        #expect(
            await VansCLI.run(
                [
                    "zero-trust", "set", "--agency", agency.rawValue, "--system", "NOPE", "--phase", "2", "--status",
                    "production", "--user-scope", "all",
                ] + db) == 2)
        let catalogue = [
            "--obligations", SharedData.packageRoot.appendingPathComponent("Data/governance/obligations.json").path,
        ]
        #expect(await VansCLI.run(["obligations", "generate", "--day", "2024-03-31"] + catalogue + db) == 0)
        #expect(await VansCLI.run(["obligations", "list", "--overdue"] + catalogue + db) == 0)

        let storage = try await SQLiteStorage.open(path: path, connections: 1)
        let backend = storage.backend
        let systems = try await SQLCoverageStore(backend: backend).systems(agencies: nil)
        let deployments = try await SQLCoverageStore(backend: backend).zeroTrust(agencies: nil)
        let obligations = try await SQLObligationStore(backend: backend).obligations(agency: agency, history: true)
        let audit = try await SQLAuditLog(backend: backend).entries(agency: agency, after: nil, limit: 10)
        await storage.close()
        #expect(systems.map { $0.id.parts?.code } == ["ARCH", "HIS", "WEB"])
        #expect(deployments.map(\.phase) == [.device])
        #expect(!obligations.isEmpty && obligations.allSatisfy { $0.level == .b && $0.supersededOn == nil })
        #expect(audit.map(\.action) == ["systems.imported"])
    }
}
