import AppCore
import Foundation
import SQLKit
import Storage
import StorageSQLite
import TestSupport
import Testing

/// The real `vans serve` binary on a temporary SQLite file, killed with SIGKILL while it processes an upload, then
/// started again: the upload must end completed (or failed with a reason) with the findings of a run that was
/// never killed, and no partial snapshot may ever be visible. Loopback only; skipped when `vans` is not built
/// (`.ci/run` builds it before testing).
@Suite("Service: kill -9 mid-processing, then restart")
struct CrashRecoveryTests {
    /// Enough distinct products that identifying them keeps a debug build busy for a while after the claim.
    static func body(rows: Int) -> Data {
        var data: [[String: String]] = [
            [
                "product_name": "http_server", "product_vendor": "apache", "product_version": "2.4.51",
                "cpe23": "cpe:2.3:a:apache:http_server:2.4.51:*:*:*:*:*:*:*",
            ]
        ]
        for index in 1..<rows {
            data.append([
                "product_name": "Inhouse Tool \(index)", "product_vendor": "Vendor \(index % 97)",
                "product_version": "\(index % 13).\(index % 7)", "cpe23": "N/A",
            ])
        }
        let object: [String: Any] = ["api_key": "KEY", "month": "2026-10", "data": data]
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }

    struct Started {
        var process: ServiceProcess
        var base: String
        var key: String?
    }

    static func start(_ executable: URL, database: String) async throws -> Started {
        let process = try ServiceProcess(
            executable: executable,
            arguments: [
                "serve", "--database", database, "--port", "0", "--lease-seconds", "2", "--poll-milliseconds", "50",
            ])
        var key: String?
        _ = await process.line(containing: "listening on http://")
        for line in process.transcript where line.contains("shown only now: ") {
            key = line.components(separatedBy: "shown only now: ").last
        }
        let base = try #require(
            process.transcript.last?.components(separatedBy: "listening on ").last?.split(separator: " ").first,
            "no listening line in: \(process.transcript)")
        return Started(process: process, base: String(base), key: key)
    }

    static func findings(_ base: String, key: String) async throws -> Set<String> {
        let answer = try await ServiceProcess.request("\(base)/api/v1/findings", key: key)
        let list = answer.object["findings"] as? [[String: Any]] ?? []
        return Set(
            list.map { finding in
                ["host", "cve", "cpe", "status", "highRisk", "kev"].map { "\(finding[$0] ?? "-")" }.joined(
                    separator: "|")
            })
    }

    /// Every snapshot in the file has all its rows: a partial snapshot would show fewer rows than it records.
    static func snapshotsAreWhole(_ database: String) async throws -> (snapshots: Int, whole: Bool) {
        let storage = try await SQLiteStorage.open(path: database, connections: 1, migrate: false)
        do {
            let rows = try await storage.backend.database.raw(
                """
                SELECT s.id, s.row_count, (SELECT COUNT(*) FROM snapshot_rows r WHERE r.snapshot_id = s.id) AS stored
                FROM snapshots s
                """
            ).all()
            let whole = try rows.allSatisfy {
                try $0.decode(column: "row_count", as: Int64.self) == $0.decode(column: "stored", as: Int64.self)
            }
            await storage.close()
            return (rows.count, whole)
        } catch {
            await storage.close()
            throw error
        }
    }

    @Test("no partial snapshot, the upload completes after the retry, findings as in an uncrashed run")
    func killedAndRestarted() async throws {
        guard let executable = ServiceProcess.executable else {
            print("CrashRecoveryTests skipped: the vans executable is not built (swift build, as .ci/run does)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let crashed = folder.appendingPathComponent("crashed.sqlite").path
        let reference = folder.appendingPathComponent("reference.sqlite").path
        let upload = Self.body(rows: 20_000)

        // The run that is killed: as soon as the worker has claimed the job, SIGKILL.
        let first = try await Self.start(executable, database: crashed)
        let key = try #require(first.key, "no demo key in: \(first.process.transcript)")
        let keyed = Data(String(decoding: upload, as: UTF8.self).replacingOccurrences(of: "KEY", with: key).utf8)
        let receipt = try await ServiceProcess.request(
            "\(first.base)/rest/vans/InsertSystemUnitproduct", method: "POST", body: keyed)
        #expect(receipt.status == 201)
        let id = try #require(receipt.object["id"] as? String)
        #expect(await first.process.line(containing: "job claimed") != nil)
        first.process.kill(SIGKILL)
        let afterKill = try await Self.snapshotsAreWhole(crashed)
        #expect(afterKill.whole)

        // Restarted on the same file: the lease expires, the job is reclaimed and retried.
        let second = try await Self.start(executable, database: crashed)
        let outcome = await second.process.line(containing: "job done") ?? "output ended"
        #expect(outcome.contains("job done"), "\(second.process.transcript)")
        let status = try await ServiceProcess.request("\(second.base)/api/v1/uploads/\(id)", key: key)
        #expect(status.object["status"] as? String == "completed")
        let attempts = second.process.transcript.contains { $0.contains("attempt 2 of") }
        #expect(attempts, "the retry should be the job's second attempt")
        let recovered = try await Self.findings(second.base, key: key)
        second.process.kill(SIGTERM)
        let afterRetry = try await Self.snapshotsAreWhole(crashed)
        #expect(afterRetry == (1, true))

        // The same upload on a fresh file, never killed.
        let third = try await Self.start(executable, database: reference)
        let referenceKey = try #require(third.key)
        let referenceBody = Data(
            String(decoding: upload, as: UTF8.self).replacingOccurrences(of: "KEY", with: referenceKey).utf8)
        _ = try await ServiceProcess.request(
            "\(third.base)/rest/vans/InsertSystemUnitproduct", method: "POST", body: referenceBody)
        #expect(await third.process.line(containing: "job done") != nil)
        let expected = try await Self.findings(third.base, key: referenceKey)
        third.process.kill(SIGTERM)
        #expect(!expected.isEmpty)
        #expect(recovered == expected)
    }
}
