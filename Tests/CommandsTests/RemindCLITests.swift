import AppCore
import Commands
import Foundation
import Governance
import Remediation
import Storage
import StorageSQLite
import Testing
import VulnModel

/// `vans remind` on a stored database, posting to a loopback webhook: a second run the same day sends nothing.
@Suite(.serialized) struct RemindCLITests {
    /// 監察院 at level B with one critical finding first seen 1 March 2024 (due 31 March) and no February upload.
    static func seeded(_ folder: URL) async throws -> String {
        let path = folder.appendingPathComponent("vans.sqlite").path
        let storage = try await SQLiteStorage.open(path: path, connections: 1)
        do {
            let agency = try Agency.ID("2.16.886.101.20007")
            let levels = try LevelHistory([
                LevelAssignment(level: .b, effective: try #require(Day(iso8601: "2023-01-01")))
            ])
            try await SQLAgencyStore(backend: storage.backend).save([
                Agency(id: agency, nameZh: "監察院", tier: .central, supervisor: .nation, levels: levels)
            ])
            let record = RemediationRecord(
                key: FindingKey(
                    agency: agency, host: HostID("srv-01"), cve: try #require(CVEID("CVE-2021-44228")),
                    item: ItemVersion(product: ProductRef(vendor: "apache", product: "log4j"), version: "2.14.1")),
                risk: FindingRisk(severity: .critical, baseScore: 10),
                firstSeen: try #require(Day(iso8601: "2024-03-01")))
            try await SQLRemediationStore(backend: storage.backend).save(
                [
                    TrackedRemediation(
                        record: record, deadline: SLAPolicy.standard.deadline(for: record),
                        lastMonth: try #require(ReportingMonth(year: 2024, month: 2)), storedHistoryCount: nil)
                ], now: Timestamp(millisecondsSinceEpoch: 1_709_251_200_000))
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
        return path
    }

    @Test func aSecondRunTheSameDaySendsNothingAgain() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-remind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let stub = try LoopbackStub.start(folder: folder.appendingPathComponent("received")) else { return }
        let database = try await Self.seeded(folder)
        let arguments = [
            "remind", "--database", database, "--webhook", "http://127.0.0.1:\(stub.port)/hook", "--webhook-secret",
            "s", "--now", "2024-03-24T09:00:00+08:00", "--missing-months", "1",
        ]
        #expect(await VansCLI.run(arguments + ["--dry-run"]) == 0)
        #expect(try stub.bodies().isEmpty)
        // The 7-days-before reminder, February's missing upload, and its escalation to the nation (17 March).
        #expect(await VansCLI.run(arguments) == 0)
        let first = try stub.bodies()
        #expect(first.count == 3)
        #expect(await VansCLI.run(arguments) == 0)
        #expect(try stub.bodies().count == 3)
        let keys = try first.compactMap { body in
            (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["idempotencyKey"] as? String
        }
        #expect(
            keys.sorted() == [
                "missing-upload/2.16.886.101.20007/2024-02/escalation-1",
                "missing-upload/2.16.886.101.20007/2024-02/overdue",
                "remediation/2.16.886.101.20007/srv-01/CVE-2021-44228/apache:log4j:2.14.1/due-2024-03-31/before-7d",
            ])
        #expect(await VansCLI.run(["remind", "--database", database, "--now", "yesterday"]) == 2)
    }
}

/// `vans decide` closes the open record it covers at once, and `vans vex` exports it.
@Suite(.serialized) struct DecideCLITests {
    @Test func aDecisionClosesWhatItCoversAndIsExportedAsVEX() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-decide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try await RemindCLITests.seeded(folder)
        let decide = [
            "decide", "--database", database, "--id", "fp-1", "--cve", "CVE-2021-44228", "--product", "apache:log4j",
            "--from-including", "2.0", "--to-excluding", "2.15.0", "--scope", "agency:2.16.886.101.20007",
            "--outcome", "false_positive", "--justification", "JndiLookup removed", "--approver", "CISO",
            "--now", "2024-03-05T09:00:00+08:00",
        ]
        #expect(await VansCLI.run(decide) == 0)
        #expect(await VansCLI.run(decide) == 1)  // the id is taken
        #expect(await VansCLI.run(decide.map { $0 == "false_positive" ? "risk_accepted" : $0 }) == 2)  // no expiry
        let storage = try await SQLiteStorage.open(path: database, connections: 1)
        let records = try await SQLRemediationStore(backend: storage.backend).records(
            agency: try Agency.ID("2.16.886.101.20007"), host: nil)
        await storage.close()
        #expect(records.map(\.record.state) == [.falsePositive])
        let vex = folder.appendingPathComponent("vex.json")
        #expect(await VansCLI.run(["vex", "--database", database, "--output", vex.path]) == 0)
        let text = try String(contentsOf: vex, encoding: .utf8)
        #expect(text.contains("\"false_positive\"") && text.contains("vers:generic/>=2.0|<2.15.0"))
    }
}
