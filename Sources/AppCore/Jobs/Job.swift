import Governance
import VulnModel

/// A unit of background work (processing an upload, re-matching after a feed change), durable in the store so that
/// a worker that dies mid-job leads to a retry, never to half-done work.
public struct Job: Hashable, Sendable, Identifiable {
    public struct ID: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let processUpload = Kind("process-upload")
        /// Payload `{"products":["vendor:product", …]}`: re-match every agency's latest snapshot rows of those
        /// products after a feed change touched them.
        public static let rematch = Kind("rematch")
    }

    public enum State: String, Hashable, Sendable, CaseIterable {
        case queued
        case running
        case succeeded
        /// Out of attempts; `lastError` says why.
        case failed
    }

    public var id: ID
    public var kind: Kind
    /// Opaque to the queue (an upload id, a JSON document): the handler of `kind` reads it.
    public var payload: String
    public var agency: Agency.ID?
    public var state: State
    /// Claims so far, the current one included.
    public var attempts: Int
    public var maxAttempts: Int
    /// Not claimable before this instant (retry back-off).
    public var availableAt: Timestamp
    public var enqueuedAt: Timestamp
    public var lastError: String?
    /// Enqueueing twice with the same key yields the first job, so a retried request does not double the work
    /// (a job that failed for good is requeued instead).
    public var dedupeKey: String?

    public init(
        id: ID, kind: Kind, payload: String, agency: Agency.ID?, state: State, attempts: Int, maxAttempts: Int,
        availableAt: Timestamp, enqueuedAt: Timestamp, lastError: String?, dedupeKey: String?
    ) {
        self.id = id
        self.kind = kind
        self.payload = payload
        self.agency = agency
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.availableAt = availableAt
        self.enqueuedAt = enqueuedAt
        self.lastError = lastError
        self.dedupeKey = dedupeKey
    }
}

public struct NewJob: Hashable, Sendable {
    public var kind: Job.Kind
    public var payload: String
    public var agency: Agency.ID?
    public var dedupeKey: String?
    public var maxAttempts: Int

    public init(
        kind: Job.Kind, payload: String, agency: Agency.ID? = nil, dedupeKey: String? = nil, maxAttempts: Int = 5
    ) {
        self.kind = kind
        self.payload = payload
        self.agency = agency
        self.dedupeKey = dedupeKey
        self.maxAttempts = maxAttempts
    }
}

/// The right to work on a job until `expiresAt`. The token is new at every claim, so a worker whose lease
/// expired and was reclaimed cannot complete, fail or commit for the job any more (fencing).
public struct JobLease: Hashable, Sendable {
    public var job: Job
    public var token: String
    public var expiresAt: Timestamp

    public init(job: Job, token: String, expiresAt: Timestamp) {
        self.job = job
        self.token = token
        self.expiresAt = expiresAt
    }
}
