import Inventory

/// One inventory upload as received through the VANS upload API, with what reading it found.
public struct Upload: Hashable, Sendable {
    /// Derived from the uploader and the content digest, so the same content from the same uploader always has
    /// the same id and a retried upload is recognised instead of stored twice.
    public struct ID: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }
    }

    /// The two VANS upload APIs (DOMAIN §1.3).
    public enum Version: String, Hashable, Sendable {
        case v1, v2
    }

    /// Reading is done before the upload is acknowledged in this slice; identification and matching will add
    /// the later states.
    public enum Status: String, Hashable, Sendable {
        case received, processed
    }

    public var id: ID
    public var version: Version
    public var uploader: Uploader
    public var digest: ContentDigest
    public var byteCount: Int
    public var status: Status
    /// Rows in `data`, records read from them and the rows' issues (row, field, offset, reason).
    public var rows: Int
    public var records: Int
    public var issues: [InventoryIssue]

    public init(
        id: ID, version: Version, uploader: Uploader, digest: ContentDigest, byteCount: Int, status: Status,
        rows: Int, records: Int, issues: [InventoryIssue]
    ) {
        self.id = id
        self.version = version
        self.uploader = uploader
        self.digest = digest
        self.byteCount = byteCount
        self.status = status
        self.rows = rows
        self.records = records
        self.issues = issues
    }
}

/// Who an API key belongs to: the agency (OID and name) allowed to upload with it.
public struct Uploader: Hashable, Sendable {
    public var oid: String
    public var name: String

    public init(oid: String, name: String) {
        self.oid = oid
        self.name = name
    }
}
