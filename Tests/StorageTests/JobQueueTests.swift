import AppCore
import Testing
import VulnModel

@testable import Storage

@Suite("Storage: job queue")
struct JobQueueTests {
    @Test("enqueue is idempotent by key; claim, complete; an empty queue yields nothing", arguments: Engine.allCases)
    func basics(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let new = NewJob(kind: .processUpload, payload: "u1", agency: Fixture.agencyA, dedupeKey: "upload:u1")
            let job = try await fixture.jobs.enqueue(new, now: Fixture.t0)
            #expect(try await fixture.jobs.enqueue(new, now: Fixture.later(5)).id == job.id)
            #expect(
                try await fixture.jobs.claim(kinds: [Job.Kind("other")], lease: .seconds(30), now: Fixture.t0) == nil)
            let lease = try #require(
                try await fixture.jobs.claim(kinds: [.processUpload], lease: .seconds(30), now: Fixture.t0)
            )
            #expect(lease.job.id == job.id && lease.job.state == .running && lease.job.attempts == 1)
            #expect(try await fixture.jobs.claim(kinds: nil, lease: .seconds(30), now: Fixture.t0) == nil)
            try await fixture.jobs.complete(lease, now: Fixture.later(1))
            #expect(try await fixture.jobs.job(job.id).state == .succeeded)
            #expect(
                await storeErrorKind { try await fixture.jobs.complete(lease, now: Fixture.later(2)) } == .leaseLost)
        }
    }

    @Test("many concurrent claimers never get the same job", arguments: Engine.allCases)
    func concurrentClaims(engine: Engine) async throws {
        try await withDatabase(engine, connections: 6) { backend in
            let fixture = try await Fixture(backend)
            let jobCount = 120
            for index in 0..<jobCount {
                _ = try await fixture.jobs.enqueue(NewJob(kind: .processUpload, payload: "\(index)"), now: Fixture.t0)
            }
            let queue = fixture.jobs
            let claimed = try await withThrowingTaskGroup(of: [Job.ID].self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        var mine: [Job.ID] = []
                        while let lease = try await queue.claim(kinds: nil, lease: .seconds(60), now: Fixture.t0) {
                            mine.append(lease.job.id)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [Job.ID]()) { $0 += $1 }
            }
            #expect(claimed.count == jobCount)
            #expect(Set(claimed).count == jobCount)
        }
    }

    @Test("an expired lease is reclaimed and retried; the old holder can no longer finish", arguments: Engine.allCases)
    func expiredLease(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let job = try await fixture.jobs.enqueue(
                NewJob(kind: .processUpload, payload: "u", maxAttempts: 2), now: Fixture.t0)
            let first = try #require(try await fixture.jobs.claim(kinds: nil, lease: .seconds(30), now: Fixture.t0))
            #expect(try await fixture.jobs.reclaimExpired(now: Fixture.later(29)) == [])
            let beat = try await fixture.jobs.heartbeat(first, extendBy: .seconds(30), now: Fixture.later(20))
            #expect(try await fixture.jobs.reclaimExpired(now: Fixture.later(31)) == [])
            // The worker is killed: no heartbeat past 50 s.
            #expect(try await fixture.jobs.reclaimExpired(now: Fixture.later(51)) == [job.id])
            #expect(
                await storeErrorKind { try await fixture.jobs.complete(beat, now: Fixture.later(52)) } == .leaseLost)
            let second = try #require(
                try await fixture.jobs.claim(kinds: nil, lease: .seconds(30), now: Fixture.later(52)))
            #expect(second.job.id == job.id && second.job.attempts == 2 && second.token != first.token)
            // Out of attempts: the next expiry fails the job for good.
            #expect(try await fixture.jobs.reclaimExpired(now: Fixture.later(100)) == [job.id])
            let failed = try await fixture.jobs.job(job.id)
            #expect(failed.state == .failed && failed.lastError != nil)
            #expect(try await fixture.jobs.claim(kinds: nil, lease: .seconds(30), now: Fixture.later(101)) == nil)
        }
    }

    @Test("failing retries at the given time until attempts run out", arguments: Engine.allCases)
    func retries(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            _ = try await fixture.jobs.enqueue(
                NewJob(kind: .processUpload, payload: "u", dedupeKey: "k", maxAttempts: 2), now: Fixture.t0)
            let first = try #require(try await fixture.jobs.claim(kinds: nil, lease: .seconds(30), now: Fixture.t0))
            #expect(
                try await fixture.jobs.fail(
                    first, reason: "feed busy", retryAt: Fixture.later(60), now: Fixture.later(1)) == .queued)
            #expect(try await fixture.jobs.claim(kinds: nil, lease: .seconds(30), now: Fixture.later(59)) == nil)
            let second = try #require(
                try await fixture.jobs.claim(kinds: nil, lease: .seconds(30), now: Fixture.later(60)))
            #expect(
                try await fixture.jobs.fail(
                    second, reason: "still busy", retryAt: Fixture.later(120), now: Fixture.later(61)) == .failed)
            // Enqueueing the same work again requeues the failed job with fresh attempts; a live one is left alone.
            let again = try await fixture.jobs.enqueue(
                NewJob(kind: .processUpload, payload: "u", dedupeKey: "k", maxAttempts: 2), now: Fixture.later(200)
            )
            #expect(again.id == second.job.id && again.state == .queued && again.attempts == 0)
            #expect(again.lastError == "still busy")
            let untouched = try await fixture.jobs.enqueue(
                NewJob(kind: .processUpload, payload: "other", dedupeKey: "k"), now: Fixture.later(201)
            )
            #expect(untouched.payload == "u" && untouched.availableAt == Fixture.later(200))
        }
    }

    @Test("a snapshot commit under a lost lease is refused and leaves nothing", arguments: Engine.allCases)
    func fencing(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let upload = try await fixture.receive("x").upload
            _ = try await fixture.jobs.enqueue(
                NewJob(kind: .processUpload, payload: upload.id.rawValue), now: Fixture.t0)
            let stale = try #require(try await fixture.jobs.claim(kinds: nil, lease: .seconds(30), now: Fixture.t0))
            _ = try await fixture.jobs.reclaimExpired(now: Fixture.later(31))
            let current = try #require(
                try await fixture.jobs.claim(kinds: nil, lease: .seconds(30), now: Fixture.later(31)))
            let kind = await storeErrorKind {
                _ = try await fixture.uploads.commitSnapshot(for: upload.id, fencedBy: stale, now: Fixture.later(32)) {
                    writer in
                    try await writer.append(contentsOf: Fixture.rows(3))
                    return Fixture.report(3, converted: 3)
                }
            }
            #expect(kind == .leaseLost)
            #expect(try await fixture.count("snapshots") == 0)
            let snapshot = try await fixture.uploads.commitSnapshot(
                for: upload.id, fencedBy: current, now: Fixture.later(33)
            ) { writer in
                try await writer.append(contentsOf: Fixture.rows(3))
                return Fixture.report(3, converted: 3)
            }
            #expect(snapshot.rowCount == 3)
        }
    }
}
