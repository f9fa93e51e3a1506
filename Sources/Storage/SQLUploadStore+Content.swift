import AppCore
import Foundation
import Governance
import SQLKit
import VulnModel

extension SQLUploadStore {
    /// Keeps `content` for a newly received `upload` and queues its `process-upload` job, inside the receiving
    /// transaction. A job that finished (it failed for good, or it failed the upload) is queued afresh: the upload
    /// was received again, so there is work again; a queued or running one is left as it is.
    static func keep(
        _ content: UploadContent, bytes: Data, for upload: Upload, jobID: String, now: Timestamp, db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO upload_contents (upload_id, file_name, byte_count, bytes)
            VALUES (\(bind: upload.id.rawValue), \(bind: content.fileName), \(bind: Int64(bytes.count)), \(bind: bytes))
            ON CONFLICT (upload_id) DO UPDATE SET
                file_name = excluded.file_name, byte_count = excluded.byte_count, bytes = excluded.bytes
            """
        ).run()
        let job = UploadJobs.job(for: upload)
        try await db.raw(
            """
            INSERT INTO jobs (id, kind, payload, agency_oid, state, attempts, max_attempts, available_at,
                enqueued_at, dedupe_key)
            VALUES (\(bind: jobID), \(bind: job.kind.rawValue), \(bind: job.payload), \(bind: job.agency?.rawValue),
                'queued', 0, \(bind: Int64(job.maxAttempts)), \(bind: now.storageValue), \(bind: now.storageValue),
                \(bind: job.dedupeKey))
            ON CONFLICT (dedupe_key) DO UPDATE SET
                state = 'queued', attempts = 0, max_attempts = excluded.max_attempts,
                available_at = excluded.available_at, finished_at = NULL
            WHERE jobs.state IN ('failed', 'succeeded')
            """
        ).run()
    }

    public func content(of id: Upload.ID, agency: Agency.ID) async throws(StoreError) -> UploadContent? {
        try await backend.run("reading the content of upload \(id)") {
            guard
                let row = try await backend.database.raw(
                    """
                    SELECT c.file_name, c.bytes FROM upload_contents c JOIN uploads u ON u.id = c.upload_id
                    WHERE c.upload_id = \(bind: id.rawValue) AND u.agency_oid = \(bind: agency.rawValue)
                    """
                ).first()
            else { return nil }
            let bytes = try row.decode(column: "bytes", as: Data.self)
            return UploadContent(fileName: try row.string("file_name"), bytes: Array(bytes))
        }
    }

    public func unfinished(limit: Int) async throws(StoreError) -> [Upload] {
        try await backend.run("listing unfinished uploads") {
            try await backend.database.raw(
                """
                SELECT \(unsafeRaw: Self.columns) FROM uploads WHERE status IN ('received', 'processing')
                ORDER BY received_at, id LIMIT \(bind: Int64(max(0, limit)))
                """
            ).all().map(Self.upload)
        }
    }

    public func snapshot(of upload: Upload.ID, agency: Agency.ID) async throws(StoreError) -> InventorySnapshot? {
        try await backend.run("reading the snapshot of upload \(upload)") {
            guard
                let row = try await backend.database.raw(
                    """
                    SELECT \(unsafeRaw: Self.snapshotColumns) FROM snapshots
                    WHERE upload_id = \(bind: upload.rawValue) AND agency_oid = \(bind: agency.rawValue)
                    """
                ).first()
            else { return nil }
            return try await Self.snapshot(row, db: backend.database)
        }
    }

    public func latestSnapshots() async throws(StoreError) -> [InventorySnapshot] {
        try await backend.run("reading each agency's latest snapshot") {
            let rows = try await backend.database.raw(
                """
                SELECT \(unsafeRaw: Self.snapshotColumns) FROM snapshots s
                WHERE NOT EXISTS (
                    SELECT 1 FROM snapshots t
                    WHERE t.agency_oid = s.agency_oid
                      AND (t.month > s.month OR (t.month = s.month AND (t.committed_at > s.committed_at
                           OR (t.committed_at = s.committed_at AND t.id > s.id))))
                )
                ORDER BY agency_oid
                """
            ).all()
            return try await Self.snapshots(rows, db: backend.database)
        }
    }
}

/// Readiness: one trivial query on a pooled connection.
public struct SQLStorageProbe: StorageProbe {
    let backend: Backend

    public init(backend: Backend) { self.backend = backend }

    public func ping() async throws(StoreError) {
        try await backend.run("checking that the database answers") {
            guard try await backend.database.raw("SELECT 1 AS one").first() != nil else {
                throw StoreError(.unavailable, "the database answered no row to SELECT 1")
            }
        }
    }
}
