import Governance
import Identification
import VulnModel

/// Receives a snapshot's rows while its transaction is open. Rows appended here become visible only when the
/// whole snapshot commits.
public protocol SnapshotWriter: Sendable {
    func append(contentsOf rows: [SnapshotRow]) async throws(StoreError)
}

/// Uploads and the snapshots they become. Every read names the agency, and a row of another agency is reported
/// as not found.
public protocol UploadStore: Sendable {
    /// Records an upload, or resolves to the one already received with the same content for the same agency and
    /// month (idempotent: the same content twice makes one upload and so one snapshot). A failed upload's content
    /// sent again is received afresh.
    ///
    /// With `content`, a new receipt also keeps the content (replacing what a failed attempt kept) and queues a
    /// `process-upload` job for the upload (its dedupe key `UploadJobs.dedupeKey(for:)`), in the same transaction,
    /// so no upload is left received without its content and a job. Without content nothing is kept or queued;
    /// the worker's sweep queues a job for such an upload and fails it for want of content (ADR 0013).
    func receive(_ upload: NewUpload, content: UploadContent?, now: Timestamp) async throws(StoreError)
        -> UploadReceipt

    /// The content kept with the upload, if any (uploads received before contents were kept have none).
    func content(of id: Upload.ID, agency: Agency.ID) async throws(StoreError) -> UploadContent?

    /// Uploads not yet completed or failed, across agencies, oldest first, at most `limit`.
    func unfinished(limit: Int) async throws(StoreError) -> [Upload]

    /// The snapshot the upload became, if it completed.
    func snapshot(of upload: Upload.ID, agency: Agency.ID) async throws(StoreError) -> InventorySnapshot?

    /// Each agency's latest snapshot: of its latest month with one, the latest committed.
    func latestSnapshots() async throws(StoreError) -> [InventorySnapshot]

    func upload(_ id: Upload.ID, agency: Agency.ID) async throws(StoreError) -> Upload

    /// The agency an upload belongs to, so an authorization decision can be made on it before the upload is read
    /// (`notFound` when there is no such upload).
    func owner(of id: Upload.ID) async throws(StoreError) -> Agency.ID

    /// The agency's uploads, newest first, for one month or all.
    func uploads(agency: Agency.ID, month: ReportingMonth?) async throws(StoreError) -> [Upload]

    /// Each agency's uploads, newest first, as `uploads(agency:month: nil)` gives them, for many agencies at once;
    /// agencies without uploads are absent.
    func uploads(agencies: [Agency.ID]) async throws(StoreError) -> [Agency.ID: [Upload]]

    /// Progress for status pages; moves a received upload to `processing`.
    func recordProgress(_ id: Upload.ID, rowsProcessed: Int) async throws(StoreError)

    /// Writes the upload's snapshot in one transaction: `write` appends rows and returns the conversion report;
    /// if it throws, or the store fails, or `lease` is no longer held, nothing of the snapshot remains. An upload
    /// already completed returns its existing snapshot without calling `write`. Errors thrown by `write` are
    /// rethrown as they are; the store's own are `StoreError`.
    func commitSnapshot(
        for id: Upload.ID,
        fencedBy lease: JobLease?,
        now: Timestamp,
        write: @escaping @Sendable (any SnapshotWriter) async throws -> ConversionReport
    ) async throws -> InventorySnapshot

    /// Marks the upload failed (it keeps no snapshot); a completed upload cannot fail afterwards.
    func markFailed(_ id: Upload.ID, reason: String) async throws(StoreError)

    /// The agency's snapshot for the month: the latest committed one, if any.
    func snapshot(agency: Agency.ID, month: ReportingMonth) async throws(StoreError) -> InventorySnapshot?

    /// Rows of a snapshot in row order, `limit` at a time after row number `after`.
    func rows(of snapshot: InventorySnapshot.ID, agency: Agency.ID, after: Int, limit: Int) async throws(StoreError)
        -> [SnapshotRow]
}

extension UploadStore {
    /// Records an upload without keeping its content or queueing a job (tests, and callers that process it
    /// themselves).
    public func receive(_ upload: NewUpload, now: Timestamp) async throws(StoreError) -> UploadReceipt {
        try await receive(upload, content: nil, now: now)
    }
}
