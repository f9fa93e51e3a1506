import Governance
import Inventory
import VulnModel

/// Receives a VANS v1 or v2 upload: authenticates the agency's key, reads the body with the inventory reader (the
/// same one `vans identify` uses), and records it through the upload store once per agency, month and content.
///
/// Rows with problems are accepted and reported, never dropped silently; only a body that cannot be read at
/// all, or that is the other API version's, is refused.
public struct UploadReceiver: Sendable {
    /// The two VANS upload APIs (DOMAIN §1.3).
    public enum Version: String, Hashable, Sendable {
        case v1, v2

        /// The upload's `format` as stored.
        public var format: String { "vans-\(rawValue)" }
    }

    /// What reading the rows found: rows in `data`, records read from them, and the rows' issues.
    public struct Reading: Hashable, Sendable {
        public var rows: Int
        public var records: Int
        public var issues: [InventoryIssue]
    }

    /// The stored upload, whether this request created it, and what reading its body found.
    public struct Received: Hashable, Sendable {
        public var upload: Upload
        public var isNew: Bool
        public var reading: Reading
    }

    public let keys: any APIKeyStore
    public let uploads: any UploadStore
    public let agencies: any AgencyStore
    /// Bodies above this are refused before reading (the inventory reader bounds memory per row, not per file).
    public let maxBytes: Int
    public let clock: @Sendable () -> Timestamp

    public init(
        keys: any APIKeyStore, uploads: any UploadStore, agencies: any AgencyStore, maxBytes: Int = 64 << 20,
        clock: @escaping @Sendable () -> Timestamp
    ) {
        self.keys = keys
        self.uploads = uploads
        self.agencies = agencies
        self.maxBytes = maxBytes
        self.clock = clock
    }

    /// Receives `body` (the upload's canonical JSON without its key, whose SHA-256 is `digest`) sent to the
    /// `version` endpoint with `apiKey`. The body is kept with the upload and a job queued to process it. The
    /// reporting month is `month` when the body names one, otherwise the month of the receive time in Taiwan
    /// (UTC+8, no daylight saving), since an upload is the agency's snapshot of its current month.
    public func receive(
        _ body: [UInt8], digest: ContentDigest, apiKey: String?, version: Version, month: String? = nil
    ) async throws -> Received {
        let now = clock()
        let key = try await authenticate(apiKey, now: now)
        return try await keep(
            body, as: "upload.json", digest: digest, agency: key.agency, month: month, now: now
        ) { body throws(Rejection) in
            (try Self.read(body, version: version), version.format)
        }
    }

    /// Receives an inventory file of any format the inventory reader knows (the one `vans identify` reads), sent
    /// as it is with its file name, whose SHA-256 is `digest`. It is refused whole, nothing kept, when it cannot be
    /// read or has no rows; otherwise it is kept under its sanitised name (the format hint the worker reads it
    /// with) and its format is the one detected.
    public func receiveFile(
        _ bytes: [UInt8], fileName: String, digest: ContentDigest, from sender: Sender, month: String? = nil
    ) async throws -> Received {
        let now = clock()
        let agency = try await uploader(sender, now: now)
        let name = try Self.sanitised(fileName)
        return try await keep(bytes, as: name, digest: digest, agency: agency, month: month, now: now) {
            bytes throws(Rejection) in
            try Self.readFile(bytes, fileName: name)
        }
    }

    /// The one path into the store for both kinds of upload: bounded, dated, read, then kept with a job queued.
    func keep(
        _ bytes: [UInt8], as fileName: String, digest: ContentDigest, agency: Agency.ID, month: String?,
        now: Timestamp, read: ([UInt8]) throws(Rejection) -> (Reading, String)
    ) async throws -> Received {
        guard bytes.count <= maxBytes else {
            throw Rejection(.tooLarge, "the body is \(bytes.count) bytes; at most \(maxBytes) are accepted")
        }
        let reportingMonth = try Self.reportingMonth(month, receivedAt: now)
        let (reading, format) = try read(bytes)
        let receipt = try await uploads.receive(
            NewUpload(
                agency: agency, month: reportingMonth, digest: digest, format: format,
                byteCount: Int64(bytes.count)),
            content: UploadContent(fileName: fileName, bytes: bytes), now: now)
        return Received(upload: receipt.upload, isNew: receipt.isNew, reading: reading)
    }

    /// The upload `id` of the agency whose key `apiKey` is; another agency's upload is not found.
    public func upload(_ id: Upload.ID, apiKey: String?) async throws -> (upload: Upload, agency: Agency) {
        let key = try await authenticate(apiKey, now: clock())
        let upload: Upload
        do {
            upload = try await uploads.upload(id, agency: key.agency)
        } catch {
            guard error.kind == .notFound else { throw error }
            throw Rejection(.notFound, "no upload \(id)", field: "id")
        }
        return (upload, try await agencies.agency(key.agency))
    }

    /// The upload `id` for the current request's signed-in caller: the decision is made on the upload's agency
    /// before anything of it is read, and another tenant's upload is not found, like a missing one.
    public func upload(_ id: Upload.ID, gate: AccessGate) async throws -> (upload: Upload, agency: Agency) {
        let owner: Agency.ID
        do { owner = try await uploads.owner(of: id) } catch {
            guard error.kind == .notFound else { throw error }
            throw try await gate.missing(.readUploads, "upload \(id)")
        }
        try await gate.authorize(.readUploads, on: .agency(owner))
        return (try await uploads.upload(id, agency: owner), try await agencies.agency(owner))
    }

    func authenticate(_ apiKey: String?, now: Timestamp) async throws -> APIKey {
        guard let apiKey, !apiKey.isEmpty else {
            throw Rejection(.unauthenticated, "the request has no api_key", field: "api_key")
        }
        do {
            return try await keys.authenticate(secret: apiKey, now: now)
        } catch {
            guard error.kind == .unauthorized else { throw error }
            throw Rejection(.unauthenticated, "the api_key is not a valid agency key", field: "api_key")
        }
    }

    /// Taiwan has kept UTC+8 without daylight saving since 1979.
    static let taiwanOffsetMilliseconds: Int64 = 8 * 3_600_000

    static func reportingMonth(_ named: String?, receivedAt now: Timestamp) throws(Rejection) -> ReportingMonth {
        guard let named else {
            let local = Timestamp(millisecondsSinceEpoch: now.millisecondsSinceEpoch + taiwanOffsetMilliseconds)
            return ReportingMonth(containing: local.day)
        }
        do {
            return try ReportingMonth(parsing: named)
        } catch {
            throw Rejection(.invalid, "month \(named) is not a month such as 2026-10 or 115-10", field: "month")
        }
    }

    static func read(_ body: [UInt8], version: Version) throws(Rejection) -> Reading {
        let (summary, tally) = try scan(body, fileName: "upload.json")
        let format = summary.format
        guard tally.rows > 0 else { throw Rejection(.invalid, "data has no rows", field: "data") }
        guard format == .vansV1JSON || format == .vansV2JSON else {
            throw Rejection(.invalid, "not a VANS upload: expected {\"api_key\": …, \"data\": [ … ]}", field: "data")
        }
        let other: InventoryFormat = version == .v1 ? .vansV2JSON : .vansV1JSON
        if let row = tally.firstRow[other] {
            let otherName = version == .v1 ? "v2" : "v1"
            throw Rejection(
                .invalid, "row \(row) has VANS \(otherName) field names; this endpoint takes \(version.rawValue)",
                field: "data[\(row - 1)]")
        }
        return tally.reading
    }

    /// Reads a whole file with the inventory reader, keeping counts rather than records.
    static func scan(_ bytes: [UInt8], fileName: String) throws(Rejection) -> (InventorySummary, RowTally) {
        var reader = InventoryReader(fileName: fileName)
        var tally = RowTally()
        do {
            try reader.feed(bytes, to: &tally)
            _ = try reader.finish(to: &tally)
        } catch {
            throw Rejection(.invalid, error.description, offset: error.offset)
        }
        return (reader.summary, tally)
    }
}
