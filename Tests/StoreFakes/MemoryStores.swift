import AppCore
import VulnModel

/// In-memory stand-ins for the SQL feed-source store and job queue, for the feed-update use cases (FeedsTests)
/// and the NVD sync against a loopback stub (FeedHTTPTests).
public actor MemoryFeedSources: FeedSourceStore {
    public private(set) var saved: [FeedSource: FeedSourceState] = [:]

    public init() {}

    public func states() async throws(StoreError) -> [FeedSourceState] { saved.values.sorted { $0.source < $1.source } }
    public func save(_ state: FeedSourceState) async throws(StoreError) { saved[state.source] = state }
}

public actor MemoryJobs: JobQueue {
    public private(set) var jobs: [Job] = []

    public init() {}

    public func enqueue(_ job: NewJob, now: Timestamp) async throws(StoreError) -> Job {
        let stored = Job(
            id: Job.ID("job-\(jobs.count + 1)"), kind: job.kind, payload: job.payload, agency: job.agency,
            state: .queued, attempts: 0, maxAttempts: job.maxAttempts, availableAt: now, enqueuedAt: now,
            lastError: nil, dedupeKey: job.dedupeKey)
        jobs.append(stored)
        return stored
    }

    public func claim(kinds: [Job.Kind]?, lease: Duration, now: Timestamp) async throws(StoreError) -> JobLease? { nil }
    public func heartbeat(_ lease: JobLease, extendBy: Duration, now: Timestamp) async throws(StoreError) -> JobLease {
        throw StoreError(.leaseLost, "not in this fake")
    }
    public func complete(_ lease: JobLease, now: Timestamp) async throws(StoreError) {}
    public func fail(_ lease: JobLease, reason: String, retryAt: Timestamp, now: Timestamp) async throws(StoreError)
        -> Job.State
    { .failed }
    public func reclaimExpired(now: Timestamp) async throws(StoreError) -> [Job.ID] { [] }
    public func abandon(_ lease: JobLease, reason: String, now: Timestamp) async throws(StoreError) {}
    public func job(dedupeKey: String) async throws(StoreError) -> Job? { jobs.first { $0.dedupeKey == dedupeKey } }
    public func job(_ id: Job.ID) async throws(StoreError) -> Job {
        guard let job = jobs.first(where: { $0.id == id }) else { throw StoreError(.notFound, "\(id)") }
        return job
    }
}
