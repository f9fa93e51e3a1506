import Governance
import VulnModel

/// One file or API payload an agency sent for a reporting month, and how far its processing got.
public struct Upload: Hashable, Sendable, Identifiable {
    public struct ID: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public enum Status: String, Hashable, Sendable, CaseIterable {
        /// Accepted and queued; nothing read yet.
        case received
        /// A worker holds it; `rowsProcessed` says how far it got.
        case processing
        /// Its snapshot is committed.
        case completed
        /// Given up on; `failure` says why. No snapshot exists for it.
        case failed
    }

    public var id: ID
    public var agency: Agency.ID
    public var month: ReportingMonth
    public var digest: ContentDigest
    /// The format the reader recognised (`vans-v1`, `csv`, …), as the caller names it.
    public var format: String
    public var byteCount: Int64
    public var receivedAt: Timestamp
    public var status: Status
    public var rowsProcessed: Int
    public var failure: String?

    public init(
        id: ID, agency: Agency.ID, month: ReportingMonth, digest: ContentDigest, format: String, byteCount: Int64,
        receivedAt: Timestamp, status: Status, rowsProcessed: Int, failure: String?
    ) {
        self.id = id
        self.agency = agency
        self.month = month
        self.digest = digest
        self.format = format
        self.byteCount = byteCount
        self.receivedAt = receivedAt
        self.status = status
        self.rowsProcessed = rowsProcessed
        self.failure = failure
    }
}

/// The SHA-256 of an upload's bytes, as 64 lowercase hex digits: uploads are idempotent by it.
public struct ContentDigest: Hashable, Sendable, CustomStringConvertible {
    public let hex: String

    /// Nil unless `hex` is 64 hex digits (either case).
    public init?(hex: String) {
        let lower = hex.lowercased()
        guard lower.utf8.count == 64, lower.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        self.hex = lower
    }

    public var description: String { hex }
}

/// What the receiving side knows before anything is parsed.
public struct NewUpload: Hashable, Sendable {
    public var agency: Agency.ID
    public var month: ReportingMonth
    public var digest: ContentDigest
    public var format: String
    public var byteCount: Int64

    public init(agency: Agency.ID, month: ReportingMonth, digest: ContentDigest, format: String, byteCount: Int64) {
        self.agency = agency
        self.month = month
        self.digest = digest
        self.format = format
        self.byteCount = byteCount
    }
}

/// The upload a `receive` call resolved to. `isNew` says it needs processing: a first receipt, or the same content
/// again after its earlier processing failed (the same upload, received afresh). It is false when the content is
/// already received, being processed or completed, in which case nothing changed.
public struct UploadReceipt: Hashable, Sendable {
    public var upload: Upload
    public var isNew: Bool

    public init(upload: Upload, isNew: Bool) {
        self.upload = upload
        self.isNew = isNew
    }
}
