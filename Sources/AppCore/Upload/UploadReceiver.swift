import Inventory

/// Receives a VANS v1 or v2 upload: checks the API key, reads the body with the inventory reader (the same one
/// `vans identify` uses), and records it once per uploader and content.
///
/// Rows with problems are accepted and reported, never dropped silently; only a body that cannot be read at
/// all, or that is the other API version's, is refused.
public struct UploadReceiver: Sendable {
    public let keys: any APIKeyVerifier
    public let store: any UploadStore
    /// Bodies above this are refused before reading (the inventory reader bounds memory per row, not per file).
    public let maxBytes: Int

    public init(keys: any APIKeyVerifier, store: any UploadStore, maxBytes: Int = 64 << 20) {
        self.keys = keys
        self.store = store
        self.maxBytes = maxBytes
    }

    /// Receives `body` (the upload's JSON) sent to the `version` endpoint with `apiKey`.
    public func receive(_ body: [UInt8], apiKey: String?, version: Upload.Version) async throws -> (
        upload: Upload, created: Bool
    ) {
        guard let apiKey, !apiKey.isEmpty else {
            throw Rejection(.unauthenticated, "the upload has no api_key", field: "api_key")
        }
        guard let uploader = try await keys.uploader(forKey: apiKey) else {
            throw Rejection(.unauthenticated, "the api_key is not a known agency key", field: "api_key")
        }
        guard body.count <= maxBytes else {
            throw Rejection(.tooLarge, "the body is \(body.count) bytes; at most \(maxBytes) are accepted")
        }
        let reading = try read(body, version: version)
        var identity = Array(uploader.oid.utf8)
        identity.append(0)
        identity.append(contentsOf: body)
        let id = Upload.ID(rawValue: String(ContentDigest(of: identity).hex.prefix(32)))
        let upload = Upload(
            id: id, version: version, uploader: uploader, digest: ContentDigest(of: body), byteCount: body.count,
            status: .processed, rows: reading.rows, records: reading.records.count, issues: reading.issues)
        return try await store.record(upload)
    }

    struct Reading {
        var records: [InventoryRecord]
        var issues: [InventoryIssue]
        var rows: Int
    }

    func read(_ body: [UInt8], version: Upload.Version) throws(Rejection) -> Reading {
        var reader = InventoryReader(fileName: "upload.json")
        var collector = InventoryCollector()
        do {
            try reader.feed(body, to: &collector)
            _ = try reader.finish(to: &collector)
        } catch {
            throw Rejection(.invalid, error.detail, offset: error.offset)
        }
        let rows = Set(collector.records.map(\.row)).union(collector.issues.map(\.row)).count
        guard rows > 0 else { throw Rejection(.invalid, "data has no rows", field: "data") }
        let expected: InventoryFormat = version == .v1 ? .vansV1JSON : .vansV2JSON
        guard reader.format == .vansV1JSON || reader.format == .vansV2JSON else {
            throw Rejection(.invalid, "not a VANS upload: expected {\"api_key\": …, \"data\": [ … ]}", field: "data")
        }
        if let other = collector.records.first(where: { $0.format != expected }) {
            let otherName = version == .v1 ? "v2" : "v1"
            throw Rejection(
                .invalid, "row \(other.row) has VANS \(otherName) field names; this endpoint takes \(version.rawValue)",
                field: "data[\(other.row - 1)]")
        }
        return Reading(records: collector.records, issues: collector.issues, rows: rows)
    }
}
