import AppCore
import Identification
import SQLKit
import VulnModel

extension SQLUploadStore {
    static let snapshotColumns = """
        id, upload_id, agency_oid, month, committed_at, row_count, rows_total, rows_converted, rows_prohibited,
        distinct_keys
        """

    public func commitSnapshot(
        for id: Upload.ID,
        fencedBy lease: JobLease?,
        now: Timestamp,
        write: @escaping @Sendable (any SnapshotWriter) async throws -> ConversionReport
    ) async throws -> InventorySnapshot {
        let backend = backend
        let snapshotID = Identifiers.make()
        let lock = backend.engine == .postgres ? " FOR UPDATE" : ""
        return try await backend.transaction("committing the snapshot of upload \(id)") { db in
            let upload = try await backend.run("locking upload \(id)") {
                guard
                    let row = try await db.raw(
                        "SELECT \(unsafeRaw: Self.columns) FROM uploads WHERE id = \(bind: id.rawValue)\(unsafeRaw: lock)"
                    ).first()
                else { throw StoreError(.notFound, "upload \(id)") }
                return try Self.upload(row)
            }
            if let lease { try await Self.checkLease(lease, now: now, db: db, backend: backend) }
            switch upload.status {
            case .completed:
                return try await backend.run("reading the existing snapshot of upload \(id)") {
                    guard
                        let row = try await db.raw(
                            "SELECT \(unsafeRaw: Self.snapshotColumns) FROM snapshots WHERE upload_id = \(bind: id.rawValue)"
                        ).first()
                    else { throw StoreError(.corrupt, "upload \(id) is completed but has no snapshot") }
                    return try await Self.snapshot(row, db: db)
                }
            case .failed:
                throw StoreError(.rejected, "upload \(id) has failed; a new upload is needed")
            case .received, .processing:
                break
            }
            try await backend.run("opening snapshot of upload \(id)") {
                try await db.raw(
                    """
                    INSERT INTO snapshots (\(unsafeRaw: Self.snapshotColumns))
                    VALUES (\(bind: snapshotID), \(bind: id.rawValue), \(bind: upload.agency.rawValue),
                            \(bind: upload.month.gregorian), \(bind: now.storageValue), 0, 0, 0, 0, 0)
                    """
                ).run()
            }
            let report = try await write(SQLSnapshotWriter(backend: backend, db: db, snapshot: snapshotID))
            return try await backend.run("closing snapshot of upload \(id)") {
                try await Self.close(snapshotID, upload: upload, report: report, now: now, db: db)
            }
        }
    }

    /// A lease is still held when its token is the job's current one and it has not expired. On PostgreSQL the
    /// job row stays locked until commit, so the lease cannot be reclaimed between this check and the commit;
    /// SQLite's write lock gives the same.
    static func checkLease(_ lease: JobLease, now: Timestamp, db: any SQLDatabase, backend: Backend) async throws {
        let lock = backend.engine == .postgres ? " FOR UPDATE" : ""
        let held = try await backend.run("checking the lease of job \(lease.job.id)") {
            try await db.raw(
                """
                SELECT id FROM jobs
                WHERE id = \(bind: lease.job.id.rawValue) AND lease_token = \(bind: lease.token)
                  AND state = 'running' AND lease_expires_at > \(bind: now.storageValue)\(unsafeRaw: lock)
                """
            ).first() != nil
        }
        guard held else { throw StoreError(.leaseLost, "job \(lease.job.id) is no longer leased to this worker") }
    }

    private static func close(
        _ snapshotID: String, upload: Upload, report: ConversionReport, now: Timestamp, db: any SQLDatabase
    ) async throws -> InventorySnapshot {
        guard
            let counted = try await db.raw(
                "SELECT COUNT(*) AS n FROM snapshot_rows WHERE snapshot_id = \(bind: snapshotID)"
            ).first()
        else { throw StoreError(.corrupt, "no count for snapshot \(snapshotID)") }
        let rowCount = try counted.int64("n")
        for (measure, name, count) in Self.counts(of: report) {
            try await db.raw(
                """
                INSERT INTO snapshot_counts (snapshot_id, measure, name, row_count)
                VALUES (\(bind: snapshotID), \(bind: measure), \(bind: name), \(bind: Int64(count)))
                """
            ).run()
        }
        try await db.raw(
            """
            UPDATE snapshots SET row_count = \(bind: rowCount), rows_total = \(bind: Int64(report.rows)),
                rows_converted = \(bind: Int64(report.converted)),
                rows_prohibited = \(bind: Int64(report.prohibitedRows)),
                distinct_keys = \(bind: Int64(report.distinctKeys))
            WHERE id = \(bind: snapshotID)
            """
        ).run()
        try await db.raw(
            """
            UPDATE uploads SET status = 'completed', rows_processed = \(bind: rowCount), failure = NULL
            WHERE id = \(bind: upload.id.rawValue)
            """
        ).run()
        return InventorySnapshot(
            id: InventorySnapshot.ID(snapshotID), agency: upload.agency, month: upload.month, upload: upload.id,
            committedAt: now, rowCount: Int(rowCount), report: report
        )
    }

    static func upload(_ row: any SQLRow) throws -> Upload {
        let digestText = try row.string("digest")
        guard let digest = ContentDigest(hex: digestText) else {
            throw StoreError(.corrupt, "digest: not a SHA-256: \(digestText)")
        }
        return Upload(
            id: Upload.ID(try row.string("id")), agency: try row.agency("agency_oid"), month: try row.month("month"),
            digest: digest, format: try row.string("format"), byteCount: try row.int64("byte_count"),
            receivedAt: try row.timestamp("received_at"), status: try row.enumeration("status", as: Upload.Status.self),
            rowsProcessed: try row.int("rows_processed"), failure: try row.optionalString("failure")
        )
    }

    static func snapshot(_ row: any SQLRow, db: any SQLDatabase) async throws -> InventorySnapshot {
        guard let snapshot = try await snapshots([row], db: db).first else {
            throw StoreError(.corrupt, "snapshot row without a snapshot")
        }
        return snapshot
    }

    /// The snapshots of `rows` (columns `snapshotColumns`) with their reports' breakdowns, read in one query per
    /// 500 snapshots rather than one per snapshot.
    static func snapshots(_ rows: [any SQLRow], db: any SQLDatabase) async throws -> [InventorySnapshot] {
        var reports: [String: ConversionReport] = [:]
        for row in rows {
            var report = ConversionReport()
            report.rows = try row.int("rows_total")
            report.converted = try row.int("rows_converted")
            report.prohibitedRows = try row.int("rows_prohibited")
            report.distinctKeys = try row.int("distinct_keys")
            reports[try row.string("id")] = report
        }
        for slice in Array(reports.keys).statementBatches {
            for count in try await db.raw(
                """
                SELECT snapshot_id, measure, name, row_count FROM snapshot_counts
                WHERE snapshot_id IN (\(binds: slice))
                """
            ).all() {
                let (id, measure, name, value) = (
                    try count.string("snapshot_id"), try count.string("measure"), try count.string("name"),
                    try count.int("row_count")
                )
                switch measure {
                case "failure":
                    guard let code = FailureCode(rawValue: name) else {
                        throw StoreError(.corrupt, "failure code \(name)")
                    }
                    reports[id]?.failed[code] = value
                case "method":
                    guard let method = ResolutionMethod(rawValue: name) else {
                        throw StoreError(.corrupt, "method \(name)")
                    }
                    reports[id]?.byMethod[method] = value
                default:
                    guard let category = ProhibitedCategory(rawValue: name) else {
                        throw StoreError(.corrupt, "prohibited category \(name)")
                    }
                    reports[id]?.prohibitedByCategory[category] = value
                }
            }
        }
        return try rows.map { row in
            let id = try row.string("id")
            return InventorySnapshot(
                id: InventorySnapshot.ID(id), agency: try row.agency("agency_oid"), month: try row.month("month"),
                upload: Upload.ID(try row.string("upload_id")), committedAt: try row.timestamp("committed_at"),
                rowCount: try row.int("row_count"), report: reports[id] ?? ConversionReport()
            )
        }
    }

    /// The report's breakdowns as (measure, name, rows), in a stable order.
    static func counts(of report: ConversionReport) -> [(String, String, Int)] {
        let failures = report.failed.map { ("failure", $0.key.rawValue, $0.value) }
        let methods = report.byMethod.map { ("method", $0.key.rawValue, $0.value) }
        let prohibited = report.prohibitedByCategory.map { ("prohibited", $0.key.rawValue, $0.value) }
        return (failures + methods + prohibited).filter { $0.2 > 0 }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    static func snapshotRow(_ row: any SQLRow) throws -> SnapshotRow {
        SnapshotRow(
            row: try row.int("row_number"), host: try row.optionalString("host").map(HostID.init),
            assetName: try row.string("asset_name"), vendor: try row.optionalString("vendor"),
            version: try row.optionalString("version"), category: try row.optionalString("category"),
            cpe: try row.optionalString("cpe"), cpeTitle: try row.optionalString("cpe_title"),
            quantity: try row.int("quantity"), failure: try row.optionalEnumeration("failure", as: FailureCode.self)
        )
    }
}

/// Appends rows inside the snapshot's open transaction, a batch per INSERT.
struct SQLSnapshotWriter: SnapshotWriter {
    let backend: Backend
    let db: any SQLDatabase
    let snapshot: String

    func append(contentsOf rows: [SnapshotRow]) async throws(StoreError) {
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + SQLUploadStore.batchSize, rows.endIndex)
            let batch = rows[start..<end]
            try await backend.run("writing rows \(batch.first?.row ?? 0)… of snapshot \(snapshot)") {
                var query: SQLQueryString = """
                    INSERT INTO snapshot_rows (snapshot_id, row_number, host, asset_name, vendor, version, category,
                        cpe, cpe_title, quantity, failure) VALUES
                    """
                for (offset, row) in batch.enumerated() {
                    if offset > 0 { query += "," }
                    query += """
                         (\(bind: snapshot), \(bind: Int64(row.row)), \(bind: row.host?.rawValue),
                         \(bind: row.assetName), \(bind: row.vendor), \(bind: row.version), \(bind: row.category),
                         \(bind: row.cpe), \(bind: row.cpeTitle), \(bind: Int64(row.quantity)),
                         \(bind: row.failure?.rawValue))
                        """
                }
                try await db.raw(query).run()
                try await SQLUploadStore.writeHits(of: batch, snapshot: snapshot, db: db)
            }
            start = end
        }
    }
}
