import VulnModel

/// Does the work of one kind of job for the `JobWorker`, which claims, heartbeats, completes and fails.
public protocol JobHandler: Sendable {
    /// Does the job's work. Returning completes the job; throwing `JobFailure.permanent` fails it for good at once;
    /// anything else is retried with back-off until the job is out of attempts.
    func run(_ lease: JobLease) async throws

    /// The job failed for good with `reason`; whatever it was about is to be marked failed.
    func abandoned(_ job: Job, reason: String, now: Timestamp) async throws

    /// Periodic repair of what a crash can leave behind (run by one worker loop, between jobs).
    func maintain(now: Timestamp) async throws
}

extension JobHandler {
    public func maintain(now: Timestamp) async throws {}
}

/// A failure that another attempt cannot cure (the content cannot be read, the upload is gone): the job fails at
/// once with `reason`, which is written for a person.
public struct JobFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public static func permanent(_ reason: String) -> JobFailure { JobFailure(reason: reason) }

    public var description: String { reason }
}
