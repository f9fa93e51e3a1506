import AppCore
import Commands
import Foundation
import Governance
import Storage
import StorageSQLite
import Testing

@Suite("vans users / vans keys on an SQLite file")
struct AdminCLITests {
    @Test("invitations, key issue, rotation and revocation each write the audit log; bad arguments exit 2")
    func auditedChanges() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-admin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vans.sqlite").path
        let agency = try Agency.ID(DemoAgency.oid)
        let seeding = try await SQLiteStorage.open(path: path, connections: 1)
        try await SQLAgencyStore(backend: seeding.backend).save([try DemoAgency.agency()])
        await seeding.close()

        let db = ["--database", path]
        #expect(
            await VansCLI.run(
                ["users", "invite", "--name", "王小明", "--role", "agency_operator", "--agency", agency.rawValue] + db)
                == 0)
        #expect(await VansCLI.run(["users", "invite", "--name", "王", "--role", "agency_operator"] + db) == 2)
        #expect(await VansCLI.run(["users", "invite", "--name", "王", "--role", "root"] + db) == 2)
        #expect(await VansCLI.run(["keys", "issue", "--agency", agency.rawValue, "--expires-days", "30"] + db) == 0)
        #expect(await VansCLI.run(["keys", "issue", "--agency", "2.16.886.101.99999"] + db) == 2)

        let storage = try await SQLiteStorage.open(path: path, connections: 1)
        let keys = SQLAPIKeyStore(backend: storage.backend)
        let issued = try #require(try await keys.keys(agency: agency).first)
        await storage.close()
        #expect(await VansCLI.run(["keys", "rotate", issued.id.rawValue] + db) == 0)
        #expect(await VansCLI.run(["keys", "revoke", issued.id.rawValue] + db) == 0)
        #expect(await VansCLI.run(["keys", "revoke", "no-such-key"] + db) == 2)
        #expect(await VansCLI.run(["users", "revoke", "no-such-user"] + db) == 2)

        let reopened = try await SQLiteStorage.open(path: path, connections: 1)
        let entries = try await SQLAuditLog(backend: reopened.backend).entries(agency: nil, after: nil, limit: 20)
        let stored = try await SQLAPIKeyStore(backend: reopened.backend).keys(agency: agency)
        await reopened.close()
        #expect(entries.map(\.action) == ["invitation.created", "apikey.issued", "apikey.rotated", "apikey.revoked"])
        #expect(entries.allSatisfy { $0.actor.hasPrefix("cli:") && $0.agency == agency })
        #expect(stored.count == 2)
        #expect(stored.first { $0.id == issued.id }?.revokedAt != nil)
    }
}
