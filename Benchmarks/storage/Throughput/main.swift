// Storage throughput on SQLite (a temporary file) and, when VANS_TEST_POSTGRES_URL names a server, PostgreSQL:
//   VANS_STORAGE_BENCH=1 swift run -c release StorageBenchmark [rows]
//   VANS_STORAGE_BENCH=1 scripts/postgres-test.sh run swift run -c release StorageBenchmark [rows]
import AppCore
import Foundation
import Governance
import Identification
import Storage
import StoragePostgres
import StorageSQLite
import VulnModel

let rowCount = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 200_000
let clock = ContinuousClock()
let t0 = Timestamp(millisecondsSinceEpoch: 1_711_929_600_000)

func report(_ total: Int, converted: Int) -> ConversionReport {
    var report = ConversionReport()
    report.rows = total
    report.converted = converted
    return report
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func report(_ engine: String, _ what: String, count: Int, _ duration: Duration) {
    let rate = Double(count) / seconds(duration)
    print("\(engine)\t\(what)\t\(count)\t\(String(format: "%.2f", seconds(duration))) s\t\(Int(rate))/s")
}

func run(_ engine: String, _ backend: Backend) async throws {
    let agency = try Agency.ID("2.16.886.101.20007")
    try await SQLAgencyStore(backend: backend).save([
        Agency(id: agency, nameZh: "監察院", tier: .central, supervisor: .nation)
    ])
    let uploads = SQLUploadStore(backend: backend)
    guard let march = ReportingMonth(year: 2024, month: 3), let april = ReportingMonth(year: 2024, month: 4) else {
        return
    }
    let rows = (1...rowCount).map { index in
        SnapshotRow(
            row: index, host: HostID("host-\(index % 5_000)"), assetName: "Apache HTTP Server", vendor: "apache",
            version: "2.4.\(index % 60)", category: "software",
            cpe: "cpe:2.3:a:apache:http_server:2.4.\(index % 60):*:*:*:*:*:*:*", cpeTitle: "Apache HTTP Server"
        )
    }
    let upload = try await uploads.receive(
        NewUpload(agency: agency, month: march, digest: .sha256(of: Array("a".utf8)), format: "csv", byteCount: 1),
        now: t0
    ).upload
    let written = try await clock.measure {
        _ = try await uploads.commitSnapshot(for: upload.id, fencedBy: nil, now: t0) { writer in
            var start = 0
            while start < rows.count {
                try await writer.append(contentsOf: Array(rows[start..<min(start + 10_000, rows.count)]))
                start += 10_000
            }
            return report(rows.count, converted: rows.count)
        }
    }
    report(engine, "snapshot rows", count: rowCount, written)

    let findings = SQLFindingStore(backend: backend)
    let observations = (0..<(rowCount / 4)).map { index in
        FindingObservation(
            host: HostID("host-\(index % 5_000)"), cve: CVEID(year: 2021, number: UInt32(10_000 + index / 5_000)),
            cpe: "cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*", status: .affected, highRisk: true,
            knownExploited: false
        )
    }
    let second = try await uploads.receive(
        NewUpload(agency: agency, month: april, digest: .sha256(of: Array("b".utf8)), format: "csv", byteCount: 1),
        now: t0
    ).upload
    let inserted = try await clock.measure {
        try await findings.record(observations, agency: agency, upload: upload.id)
    }
    report(engine, "findings inserted", count: observations.count, inserted)
    let upserted = try await clock.measure {
        try await findings.record(observations, agency: agency, upload: second.id)
    }
    report(engine, "findings upserted", count: observations.count, upserted)

    let jobs = SQLJobQueue(backend: backend)
    let jobCount = 2_000
    for index in 0..<jobCount {
        _ = try await jobs.enqueue(NewJob(kind: .processUpload, payload: "\(index)"), now: t0)
    }
    let claimed = try await clock.measure {
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var mine = 0
                    while let lease = try await jobs.claim(kinds: nil, lease: .seconds(60), now: t0) {
                        try await jobs.complete(lease, now: t0)
                        mine += 1
                    }
                    return mine
                }
            }
            return try await group.reduce(0, +)
        }
        precondition(total == jobCount, "claimed \(total) of \(jobCount)")
    }
    report(engine, "jobs claimed+completed (8 workers)", count: jobCount, claimed)

    let keys = SQLAPIKeyStore(backend: backend)
    let issued = try await keys.issue(agency: agency, label: "bench", validFor: .seconds(3_600), now: t0)
    let checks = 2_000
    let authenticated = try await clock.measure {
        for _ in 0..<checks { _ = try await keys.authenticate(secret: issued.secret, now: t0) }
    }
    report(engine, "API key checks", count: checks, authenticated)
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let sqlite = try await SQLiteStorage.open(path: folder.appendingPathComponent("bench.sqlite").path)
do { try await run("sqlite", sqlite.backend) } catch { print("sqlite: \(error)") }
await sqlite.close()
try? FileManager.default.removeItem(at: folder)

if let url = ProcessInfo.processInfo.environment["VANS_TEST_POSTGRES_URL"] {
    let postgres = try await PostgresStorage.open(url: url)
    do { try await run("postgres", postgres.backend) } catch { print("postgres: \(error)") }
    await postgres.close()
} else {
    print("postgres: skipped (VANS_TEST_POSTGRES_URL not set)")
}
