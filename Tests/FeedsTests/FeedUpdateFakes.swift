import AppCore
import FeedFiles
import Foundation
import VulnModel

/// In-memory stand-ins for the SQL stores, for the feed-update use cases.
actor MemoryFeedSources: FeedSourceStore {
    var saved: [FeedSource: FeedSourceState] = [:]

    func states() async throws(StoreError) -> [FeedSourceState] { saved.values.sorted { $0.source < $1.source } }
    func save(_ state: FeedSourceState) async throws(StoreError) { saved[state.source] = state }
}

actor MemoryJobs: JobQueue {
    var jobs: [Job] = []

    func enqueue(_ job: NewJob, now: Timestamp) async throws(StoreError) -> Job {
        let stored = Job(
            id: Job.ID("job-\(jobs.count + 1)"), kind: job.kind, payload: job.payload, agency: job.agency,
            state: .queued, attempts: 0, maxAttempts: job.maxAttempts, availableAt: now, enqueuedAt: now,
            lastError: nil, dedupeKey: job.dedupeKey)
        jobs.append(stored)
        return stored
    }

    func claim(kinds: [Job.Kind]?, lease: Duration, now: Timestamp) async throws(StoreError) -> JobLease? { nil }
    func heartbeat(_ lease: JobLease, extendBy: Duration, now: Timestamp) async throws(StoreError) -> JobLease {
        throw StoreError(.leaseLost, "not in this fake")
    }
    func complete(_ lease: JobLease, now: Timestamp) async throws(StoreError) {}
    func fail(_ lease: JobLease, reason: String, retryAt: Timestamp, now: Timestamp) async throws(StoreError)
        -> Job.State
    { .failed }
    func reclaimExpired(now: Timestamp) async throws(StoreError) -> [Job.ID] { [] }
    func abandon(_ lease: JobLease, reason: String, now: Timestamp) async throws(StoreError) {}
    func job(dedupeKey: String) async throws(StoreError) -> Job? { jobs.first { $0.dedupeKey == dedupeKey } }
    func job(_ id: Job.ID) async throws(StoreError) -> Job {
        guard let job = jobs.first(where: { $0.id == id }) else { throw StoreError(.notFound, "\(id)") }
        return job
    }
}

struct FixedWallClock: WallClock {
    let instant: Timestamp
    init(_ text: String) { instant = Timestamp(iso8601: text) ?? Timestamp(millisecondsSinceEpoch: 0) }
    func now() -> Timestamp { instant }
}

/// A knowledge-base file in a fresh temporary folder, removed by `cleanUp`.
struct TemporaryKnowledgeBase {
    let folder: URL
    var file: String { folder.appendingPathComponent("vans-kb.vanskb").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }

    func update(clock: String = "2026-11-21T00:00:00Z") -> (FeedUpdate, MemoryFeedSources, MemoryJobs) {
        let sources = MemoryFeedSources()
        let jobs = MemoryJobs()
        let update = FeedUpdate(
            repository: KnowledgeBaseFiles(file: file), sources: sources, jobs: jobs, clock: FixedWallClock(clock))
        return (update, sources, jobs)
    }
}
