import AppCore
import SQLKit
import VulnModel

/// `JobQueue` over SQL. A claim is one UPDATE of the row its subquery picked, so on either engine exactly one
/// claimer gets a job: PostgreSQL skips rows other claimers have locked, SQLite serialises writers.
public struct SQLJobQueue: JobQueue {
    let backend: Backend

    public init(backend: Backend) { self.backend = backend }

    static let columns = """
        id, kind, payload, agency_oid, state, attempts, max_attempts, available_at, enqueued_at, last_error, dedupe_key
        """

    public func enqueue(_ new: NewJob, now: Timestamp) async throws(StoreError) -> Job {
        let id = Identifiers.make()
        return try await backend.storeTransaction("enqueueing a \(new.kind) job") { db in
            let inserted = try await db.raw(
                """
                INSERT INTO jobs (id, kind, payload, agency_oid, state, attempts, max_attempts, available_at,
                    enqueued_at, dedupe_key)
                VALUES (\(bind: id), \(bind: new.kind.rawValue), \(bind: new.payload), \(bind: new.agency?.rawValue),
                    'queued', 0, \(bind: Int64(new.maxAttempts)), \(bind: now.storageValue), \(bind: now.storageValue),
                    \(bind: new.dedupeKey))
                ON CONFLICT (dedupe_key) DO UPDATE SET
                    state = 'queued', attempts = 0, max_attempts = excluded.max_attempts,
                    available_at = excluded.available_at, payload = excluded.payload, finished_at = NULL
                WHERE jobs.state = 'failed'
                RETURNING \(unsafeRaw: Self.columns)
                """
            ).first()
            if let inserted { return try Self.job(inserted) }
            guard
                let existing = try await db.raw(
                    "SELECT \(unsafeRaw: Self.columns) FROM jobs WHERE dedupe_key = \(bind: new.dedupeKey)"
                ).first()
            else { throw StoreError(.corrupt, "job with dedupe key vanished") }
            return try Self.job(existing)
        }
    }

    public func claim(kinds: [Job.Kind]?, lease: Duration, now: Timestamp) async throws(StoreError) -> JobLease? {
        let token = Identifiers.make()
        let expiry = now.adding(lease)
        var filter: SQLQueryString = ""
        if let kinds {
            guard !kinds.isEmpty else { return nil }
            filter = " AND kind IN (\(binds: kinds.map(\.rawValue)))"
        }
        let locking = backend.engine.claimLocking
        let query: SQLQueryString = """
            UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_token = \(bind: token),
                lease_expires_at = \(bind: expiry.storageValue)
            WHERE id = (
                SELECT id FROM jobs
                WHERE state = 'queued' AND available_at <= \(bind: now.storageValue)\(filter)
                ORDER BY available_at, enqueued_at, id
                LIMIT 1\(unsafeRaw: locking)
            ) AND state = 'queued'
            RETURNING \(unsafeRaw: Self.columns)
            """
        return try await backend.storeTransaction("claiming a job") { db in
            guard let row = try await db.raw(query).first() else { return nil }
            return JobLease(job: try Self.job(row), token: token, expiresAt: expiry)
        }
    }

    public func heartbeat(_ lease: JobLease, extendBy: Duration, now: Timestamp) async throws(StoreError) -> JobLease {
        let expiry = now.adding(extendBy)
        let extended = try await leased(lease, now: now, "extending the lease of job \(lease.job.id)") {
            "lease_expires_at = \(bind: expiry.storageValue)"
        }
        return JobLease(job: extended, token: lease.token, expiresAt: expiry)
    }

    public func complete(_ lease: JobLease, now: Timestamp) async throws(StoreError) {
        _ = try await leased(lease, now: now, "completing job \(lease.job.id)") {
            """
            state = 'succeeded', lease_token = NULL, lease_expires_at = NULL, finished_at = \(bind: now.storageValue)
            """
        }
    }

    public func fail(_ lease: JobLease, reason: String, retryAt: Timestamp, now: Timestamp) async throws(StoreError)
        -> Job.State
    {
        try await leased(lease, now: now, "failing job \(lease.job.id)") {
            """
            state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
            finished_at = CASE WHEN attempts >= max_attempts THEN \(bind: now.storageValue) ELSE NULL END,
            available_at = \(bind: retryAt.storageValue), last_error = \(bind: reason),
            lease_token = NULL, lease_expires_at = NULL
            """
        }.state
    }

    public func abandon(_ lease: JobLease, reason: String, now: Timestamp) async throws(StoreError) {
        _ = try await leased(lease, now: now, "abandoning job \(lease.job.id)") {
            """
            state = 'failed', finished_at = \(bind: now.storageValue), last_error = \(bind: reason),
            lease_token = NULL, lease_expires_at = NULL
            """
        }
    }

    public func reclaimExpired(now: Timestamp) async throws(StoreError) -> [Job.ID] {
        try await backend.storeTransaction("reclaiming expired leases") { db in
            try await db.raw(
                """
                UPDATE jobs SET
                    state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                    finished_at = CASE WHEN attempts >= max_attempts THEN \(bind: now.storageValue) ELSE NULL END,
                    available_at = \(bind: now.storageValue),
                    last_error = 'lease expired (worker died or stalled)',
                    lease_token = NULL, lease_expires_at = NULL
                WHERE state = 'running' AND lease_expires_at <= \(bind: now.storageValue)
                RETURNING id
                """
            ).all().map { Job.ID(try $0.string("id")) }
        }
    }

    public func job(_ id: Job.ID) async throws(StoreError) -> Job {
        try await backend.run("reading job \(id)") {
            guard
                let row = try await backend.database.raw(
                    "SELECT \(unsafeRaw: Self.columns) FROM jobs WHERE id = \(bind: id.rawValue)"
                ).first()
            else { throw StoreError(.notFound, "job \(id)") }
            return try Self.job(row)
        }
    }

    public func job(dedupeKey: String) async throws(StoreError) -> Job? {
        try await backend.run("reading the job \(dedupeKey)") {
            try await backend.database.raw(
                "SELECT \(unsafeRaw: Self.columns) FROM jobs WHERE dedupe_key = \(bind: dedupeKey)"
            ).first().map(Self.job)
        }
    }

    /// Updates the job only while `lease` is its live lease; otherwise `leaseLost`.
    private func leased(
        _ lease: JobLease, now: Timestamp, _ context: String, _ assignments: () -> SQLQueryString
    ) async throws(StoreError) -> Job {
        let query: SQLQueryString =
            "UPDATE jobs SET " + assignments()
                + """
                 WHERE id = \(bind: lease.job.id.rawValue) AND lease_token = \(bind: lease.token)
                  AND state = 'running' AND lease_expires_at > \(bind: now.storageValue)
                RETURNING \(unsafeRaw: Self.columns)
                """
        return try await backend.storeTransaction(context) { db in
            guard let row = try await db.raw(query).first() else {
                throw StoreError(.leaseLost, "job \(lease.job.id) is no longer leased to this worker")
            }
            return try Self.job(row)
        }
    }

    static func job(_ row: any SQLRow) throws -> Job {
        Job(
            id: Job.ID(try row.string("id")), kind: Job.Kind(try row.string("kind")),
            payload: try row.string("payload"),
            agency: try row.optionalAgency("agency_oid"), state: try row.enumeration("state", as: Job.State.self),
            attempts: try row.int("attempts"), maxAttempts: try row.int("max_attempts"),
            availableAt: try row.timestamp("available_at"), enqueuedAt: try row.timestamp("enqueued_at"),
            lastError: try row.optionalString("last_error"), dedupeKey: try row.optionalString("dedupe_key")
        )
    }
}
