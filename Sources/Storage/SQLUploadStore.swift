import AppCore
import Foundation
import Governance
import SQLKit
import VulnModel

/// `UploadStore` over SQL. Idempotency is the unique (agency, month, digest) key; all-or-nothing is one transaction
/// per snapshot, fenced by the job lease when one is given.
public struct SQLUploadStore: UploadStore {
    let backend: Backend
    /// Rows per INSERT statement: well under both engines' bound-parameter limits (10 columns each).
    static let batchSize = 500

    public init(backend: Backend) { self.backend = backend }

    static let columns = """
        id, agency_oid, month, digest, format, byte_count, received_at, status, rows_processed, failure
        """

    public func receive(_ new: NewUpload, content: UploadContent?, now: Timestamp) async throws(StoreError)
        -> UploadReceipt
    {
        let id = Identifiers.make()
        let jobID = Identifiers.make()
        let bytes = content.map { Data($0.bytes) }
        return try await backend.storeTransaction("receiving an upload for \(new.agency) \(new.month)") { db in
            // ON CONFLICT rather than catching the unique violation: on PostgreSQL a failed statement aborts the
            // whole transaction. The same content again is the same upload, except that one whose processing
            // failed is received afresh (same row, new attempt), so an agency can resend a file after a fault.
            let fresh = try await db.raw(
                """
                INSERT INTO uploads (\(unsafeRaw: Self.columns))
                VALUES (\(bind: id), \(bind: new.agency.rawValue), \(bind: new.month.gregorian),
                        \(bind: new.digest.hex), \(bind: new.format), \(bind: new.byteCount),
                        \(bind: now.storageValue), 'received', 0, NULL)
                ON CONFLICT (agency_oid, month, digest) DO UPDATE SET
                    status = 'received', failure = NULL, rows_processed = 0, received_at = excluded.received_at,
                    format = excluded.format
                WHERE uploads.status = 'failed'
                RETURNING \(unsafeRaw: Self.columns)
                """
            ).first()
            if let fresh {
                let upload = try Self.upload(fresh)
                if let content, let bytes {
                    try await Self.keep(content, bytes: bytes, for: upload, jobID: jobID, now: now, db: db)
                }
                return UploadReceipt(upload: upload, isNew: true)
            }
            guard
                let row = try await db.raw(
                    """
                    SELECT \(unsafeRaw: Self.columns) FROM uploads
                    WHERE agency_oid = \(bind: new.agency.rawValue) AND month = \(bind: new.month.gregorian)
                      AND digest = \(bind: new.digest.hex)
                    """
                ).first()
            else { throw StoreError(.corrupt, "upload vanished after insert") }
            let upload = try Self.upload(row)
            return UploadReceipt(upload: upload, isNew: false)
        }
    }

    public func upload(_ id: Upload.ID, agency: Agency.ID) async throws(StoreError) -> Upload {
        try await backend.run("reading upload \(id)") {
            guard
                let row = try await backend.database.raw(
                    """
                    SELECT \(unsafeRaw: Self.columns) FROM uploads
                    WHERE id = \(bind: id.rawValue) AND agency_oid = \(bind: agency.rawValue)
                    """
                ).first()
            else { throw StoreError(.notFound, "upload \(id) of \(agency)") }
            return try Self.upload(row)
        }
    }

    public func owner(of id: Upload.ID) async throws(StoreError) -> Agency.ID {
        try await backend.run("finding the agency of upload \(id)") {
            guard
                let row = try await backend.database.raw(
                    "SELECT agency_oid FROM uploads WHERE id = \(bind: id.rawValue)"
                ).first()
            else { throw StoreError(.notFound, "upload \(id)") }
            return try row.agency("agency_oid")
        }
    }

    public func uploads(agency: Agency.ID, month: ReportingMonth?) async throws(StoreError) -> [Upload] {
        try await backend.run("listing uploads of \(agency)") {
            var query: SQLQueryString = """
                SELECT \(unsafeRaw: Self.columns) FROM uploads WHERE agency_oid = \(bind: agency.rawValue)
                """
            if let month { query += " AND month = \(bind: month.gregorian)" }
            query += " ORDER BY received_at DESC, id"
            return try await backend.database.raw(query).all().map(Self.upload)
        }
    }

    public func uploads(agencies: [Agency.ID]) async throws(StoreError) -> [Agency.ID: [Upload]] {
        try await backend.run("listing uploads of \(agencies.count) agencies") {
            var found: [Agency.ID: [Upload]] = [:]
            let ids = Set(agencies).map(\.rawValue)
            for slice in ids.statementBatches {
                for upload in try await backend.database.raw(
                    """
                    SELECT \(unsafeRaw: Self.columns) FROM uploads WHERE agency_oid IN (\(binds: slice))
                    ORDER BY received_at DESC, id
                    """
                ).all().map(Self.upload) {
                    found[upload.agency, default: []].append(upload)
                }
            }
            return found
        }
    }

    public func recordProgress(_ id: Upload.ID, rowsProcessed: Int) async throws(StoreError) {
        try await backend.run("recording progress of upload \(id)") {
            let updated = try await backend.database.raw(
                """
                UPDATE uploads SET status = 'processing', rows_processed = \(bind: Int64(rowsProcessed))
                WHERE id = \(bind: id.rawValue) AND status IN ('received', 'processing')
                RETURNING id
                """
            ).all()
            guard !updated.isEmpty else { throw StoreError(.notFound, "upload \(id) awaiting processing") }
        }
    }

    public func markFailed(_ id: Upload.ID, reason: String) async throws(StoreError) {
        try await backend.run("failing upload \(id)") {
            let updated = try await backend.database.raw(
                """
                UPDATE uploads SET status = 'failed', failure = \(bind: reason)
                WHERE id = \(bind: id.rawValue) AND status <> 'completed'
                RETURNING id
                """
            ).all()
            guard !updated.isEmpty else { throw StoreError(.notFound, "upload \(id) not yet completed") }
        }
    }

    public func snapshot(agency: Agency.ID, month: ReportingMonth) async throws(StoreError) -> InventorySnapshot? {
        try await backend.run("reading the snapshot of \(agency) for \(month)") {
            guard
                let row = try await backend.database.raw(
                    """
                    SELECT \(unsafeRaw: Self.snapshotColumns) FROM snapshots
                    WHERE agency_oid = \(bind: agency.rawValue) AND month = \(bind: month.gregorian)
                    ORDER BY committed_at DESC, id DESC LIMIT 1
                    """
                ).first()
            else { return nil }
            return try await Self.snapshot(row, db: backend.database)
        }
    }

    public func rows(of snapshot: InventorySnapshot.ID, agency: Agency.ID, after: Int, limit: Int)
        async throws(StoreError)
        -> [SnapshotRow]
    {
        try await backend.run("reading rows of snapshot \(snapshot)") {
            // The join on the snapshot's agency is the tenant check: another agency's snapshot yields no rows.
            let rows = try await backend.database.raw(
                """
                SELECT r.row_number, r.host, r.asset_name, r.vendor, r.version, r.category, r.cpe, r.cpe_title,
                       r.quantity, r.failure
                FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id
                WHERE r.snapshot_id = \(bind: snapshot.rawValue) AND s.agency_oid = \(bind: agency.rawValue)
                  AND r.row_number > \(bind: Int64(after))
                ORDER BY r.row_number LIMIT \(bind: Int64(limit))
                """
            ).all().map(Self.snapshotRow)
            return try await Self.attachingHits(to: rows, snapshot: snapshot.rawValue, db: backend.database)
        }
    }
}
