import VulnModel

/// A durable queue with leases. Claims are exclusive: two workers never hold the same job at once.
public protocol JobQueue: Sendable {
    /// Adds a job, or returns the existing one with the same `dedupeKey`; a job with that key that failed for good
    /// is queued again with fresh attempts (its `lastError` kept until the next failure).
    func enqueue(_ job: NewJob, now: Timestamp) async throws(StoreError) -> Job

    /// Takes the oldest queued job available at `now` (of `kinds`, or any when nil) and leases it for `lease`.
    func claim(kinds: [Job.Kind]?, lease: Duration, now: Timestamp) async throws(StoreError) -> JobLease?

    /// Extends a held lease; `leaseLost` if it expired and was reclaimed or finished meanwhile.
    func heartbeat(_ lease: JobLease, extendBy: Duration, now: Timestamp) async throws(StoreError) -> JobLease

    func complete(_ lease: JobLease, now: Timestamp) async throws(StoreError)

    /// Gives the job back for another attempt at `retryAt`, or fails it for good when out of attempts.
    func fail(_ lease: JobLease, reason: String, retryAt: Timestamp, now: Timestamp) async throws(StoreError)
        -> Job.State

    /// Fails the job for good at once, whatever attempts remain (another attempt cannot succeed).
    func abandon(_ lease: JobLease, reason: String, now: Timestamp) async throws(StoreError)

    /// Running jobs whose lease expired before `now` go back to the queue (or fail when out of attempts): this is
    /// how a worker killed mid-job leads to a retry.
    func reclaimExpired(now: Timestamp) async throws(StoreError) -> [Job.ID]

    func job(_ id: Job.ID) async throws(StoreError) -> Job

    /// The job enqueued with `dedupeKey`, if any.
    func job(dedupeKey: String) async throws(StoreError) -> Job?
}
