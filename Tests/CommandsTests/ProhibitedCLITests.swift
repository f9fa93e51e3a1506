import AppCore
import Commands
import Foundation
import Governance
import Identification
import Storage
import StorageSQLite
import Testing
import VulnModel

/// `vans prohibited` on a stored database: publish from the bundled catalogue, list, grant an exception, register.
@Suite(.serialized) struct ProhibitedCLITests {
    static let agency = "2.16.886.101.20007"

    /// 監察院 with a March snapshot holding AnyDesk on one host.
    static func seeded(_ folder: URL) async throws -> String {
        let path = folder.appendingPathComponent("vans.sqlite").path
        let storage = try await SQLiteStorage.open(path: path, connections: 1)
        do {
            let oid = try Agency.ID(agency)
            try await SQLAgencyStore(backend: storage.backend).save([
                Agency(id: oid, nameZh: "監察院", tier: .central, supervisor: .nation)
            ])
            let uploads = SQLUploadStore(backend: storage.backend)
            let now = Timestamp(millisecondsSinceEpoch: 1_711_929_600_000)
            let receipt = try await uploads.receive(
                NewUpload(
                    agency: oid, month: try #require(ReportingMonth(year: 2024, month: 3)),
                    digest: ContentDigest.sha256(of: Array("march".utf8)), format: "csv", byteCount: 5),
                now: now)
            _ = try await uploads.commitSnapshot(for: receipt.upload.id, fencedBy: nil, now: now) { writer in
                try await writer.append(contentsOf: [
                    SnapshotRow(row: 1, host: HostID("pc-1"), assetName: "7-Zip 23.01 (x64)"),
                    SnapshotRow(
                        row: 2, host: HostID("pc-1"), assetName: "AnyDesk", prohibited: [ProhibitedEntryID("anydesk")]),
                ])
                return ConversionReport()
            }
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
        return path
    }

    @Test func publishListExceptAndRegister() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vans-prohibited-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try await Self.seeded(folder)
        let now = ["--now", "2024-04-02T09:00:00+08:00"]
        #expect(
            await VansCLI.run(["prohibited", "publish", "anydesk", "--due", "7", "--database", database] + now) == 0)
        #expect(await VansCLI.run(["prohibited", "publish", "no-such-entry", "--database", database] + now) == 2)
        for format in ["table", "csv", "json"] {
            #expect(
                await VansCLI.run(["prohibited", "tasks", "--open", "--format", format, "--database", database]) == 0)
        }
        let except = [
            "prohibited", "except", "anydesk", "--agency", Self.agency, "--approver", "資安長 王",
            "--authority", "數位部 1130012345", "--reason", "building maintenance", "--expires", "2025-04-01",
            "--database", database,
        ]
        #expect(await VansCLI.run(except + ["--measures", "no_such_measure"] + now) == 2)
        #expect(await VansCLI.run(except + ["--measures", "annual_internal_audit,stand_alone_no_data"] + now) == 0)
        #expect(await VansCLI.run(except + ["--measures", "annual_internal_audit"] + now) == 2)  // no longer open
        #expect(await VansCLI.run(["prohibited", "register", "--database", database]) == 0)

        let storage = try await SQLiteStorage.open(path: database, connections: 1)
        let tasks: [TrackedRemovalTask]
        do { tasks = try await SQLProhibitionStore(backend: storage.backend).tasks(agency: nil) } catch {
            await storage.close()
            throw error
        }
        await storage.close()
        let task = try #require(tasks.first?.task)
        #expect(task.dueDate == Day(iso8601: "2024-04-09"))
        guard case .exception(let approval) = task.status else {
            Issue.record("expected an exception, got \(task.status)")
            return
        }
        #expect(approval.registration.measures == [.annualInternalAudit, .standAloneNoData])
        #expect(approval.expires == Day(iso8601: "2025-04-01"))
    }
}
