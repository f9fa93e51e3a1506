import AppCore
import Foundation
import Governance
import Testing
import VulnModel

@testable import Storage

@Suite("Storage: a worker killed mid-snapshot")
struct KilledWorkerTests {
    /// A real `kill -9`: a child process claims the upload's job, writes part of the snapshot and kills itself.
    /// Nothing it wrote may be visible; once its lease expires the job is retried and the snapshot written once.
    @Test("leaves no partial snapshot, and the job is retried", arguments: Engine.allCases)
    func killed(engine: Engine) async throws {
        try await withDatabase(engine) { backend, location in
            let fixture = try await Fixture(backend)
            let upload = try await fixture.receive("inventory").upload
            let job = try await fixture.jobs.enqueue(
                NewJob(kind: .processUpload, payload: upload.id.rawValue, agency: Fixture.agencyA), now: Fixture.t0
            )
            let engineName = engine.rawValue
            await #expect(processExitsWith: .signal(SIGKILL)) {
                [engineName = engineName as String, location = location as String] in
                guard let engine = Engine(rawValue: engineName) else { return }
                try await withOpened(engine, at: location) { backend in
                    let jobs = SQLJobQueue(backend: backend)
                    guard let lease = try await jobs.claim(kinds: nil, lease: .seconds(60), now: Fixture.t0) else {
                        return
                    }
                    _ = try await SQLUploadStore(backend: backend).commitSnapshot(
                        for: Upload.ID(lease.job.payload), fencedBy: lease, now: Fixture.t0
                    ) { writer in
                        try await writer.append(contentsOf: Fixture.rows(1_500))
                        kill(getpid(), SIGKILL)
                        return Fixture.report(1_500, converted: 1_500)
                    }
                }
            }
            #expect(try await fixture.count("snapshot_rows") == 0)
            #expect(try await fixture.count("snapshots") == 0)
            #expect(try await fixture.jobs.job(job.id).state == .running)
            #expect(try await fixture.jobs.reclaimExpired(now: Fixture.later(61)) == [job.id])
            let lease = try #require(
                try await fixture.jobs.claim(kinds: nil, lease: .seconds(60), now: Fixture.later(61)))
            #expect(lease.job.attempts == 2)
            let snapshot = try await fixture.uploads.commitSnapshot(
                for: upload.id, fencedBy: lease, now: Fixture.later(62)
            ) {
                writer in
                try await writer.append(contentsOf: Fixture.rows(1_500))
                return Fixture.report(1_500, converted: 1_500)
            }
            try await fixture.jobs.complete(lease, now: Fixture.later(63))
            #expect(snapshot.rowCount == 1_500)
            #expect(try await fixture.count("snapshot_rows") == 1_500)
        }
    }
}
