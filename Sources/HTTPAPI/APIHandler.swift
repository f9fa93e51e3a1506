package import AppCore
import Crypto
package import Foundation
import Governance
package import OpenAPIRuntime

/// The generated API's operations, implemented on the AppCore use cases. Handlers answer only the success
/// cases: a caller's mistake is thrown as a `Rejection` and the server turns it into a problem answer, so the
/// status codes live in one place (ADR 0012).
package struct APIHandler: APIProtocol {
    package let receiver: UploadReceiver
    /// Whether the service can take uploads now (false before the stores answer and while shutting down).
    package let isReady: @Sendable () async -> Bool
    /// Passkey sign-in and sessions (ADR 0014); nil keeps the API to agency keys.
    package let auth: AuthServices?

    /// The feed sources' state for `GET /api/v1/feeds`; nil when the service has none (every source then shows missing).
    package let feeds: FeedStatusQuery?

    package init(
        receiver: UploadReceiver, isReady: @escaping @Sendable () async -> Bool = { true }, auth: AuthServices? = nil,
        feeds: FeedStatusQuery? = nil
    ) {
        self.receiver = receiver
        self.isReady = isReady
        self.auth = auth
        self.feeds = feeds
    }

    package func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    package func getReadiness(_ input: Operations.GetReadiness.Input) async throws
        -> Operations.GetReadiness.Output
    {
        guard await isReady() else { return .serviceUnavailable(.init(body: .json(.init(status: .unavailable)))) }
        return .ok(.init(body: .json(.init(status: .ok))))
    }

    package func insertSystemUnitproduct(_ input: Operations.InsertSystemUnitproduct.Input) async throws
        -> Operations.InsertSystemUnitproduct.Output
    {
        guard case .json(let body) = input.body else { throw Rejection(.invalid, "expected application/json") }
        let received = try await receive(body, apiKey: body.apiKey, month: body.month, version: .v1)
        let receipt = Self.receipt(received)
        return received.isNew ? .created(.init(body: .json(receipt))) : .ok(.init(body: .json(receipt)))
    }

    package func insertServerUnitproduct(_ input: Operations.InsertServerUnitproduct.Input) async throws
        -> Operations.InsertServerUnitproduct.Output
    {
        guard case .json(let body) = input.body else { throw Rejection(.invalid, "expected application/json") }
        let received = try await receive(body, apiKey: body.apiKey, month: body.month, version: .v2)
        let receipt = Self.receipt(received)
        return received.isNew ? .created(.init(body: .json(receipt))) : .ok(.init(body: .json(receipt)))
    }

    package func getUpload(_ input: Operations.GetUpload.Input) async throws -> Operations.GetUpload.Output {
        let id = Upload.ID(input.path.id)
        if input.headers.xAPIKey == nil, let auth, AccessGate.current?.principal != nil {
            let found = try await receiver.upload(id, gate: auth.gate)
            return .ok(.init(body: .json(Self.status(found.upload, agency: found.agency))))
        }
        let found = try await receiver.upload(id, apiKey: input.headers.xAPIKey)
        return .ok(.init(body: .json(Self.status(found.upload, agency: found.agency))))
    }

    func receive(_ body: some Encodable, apiKey: String?, month: String?, version: UploadReceiver.Version)
        async throws -> UploadReceiver.Received
    {
        let canonical = try Self.canonical(body)
        return try await receiver.receive(
            canonical, digest: try Self.digest(canonical), apiKey: apiKey, version: version, month: month)
    }

    /// The body as sorted-key JSON: what is read and digested, so that the same content sent with other
    /// whitespace or key order is the same upload.
    package static func canonical(_ body: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(body))
    }

    /// SHA-256 by swift-crypto, which storage already uses; AppCore takes the digest rather than hashing itself.
    package static func digest(_ bytes: [UInt8]) throws -> ContentDigest {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        let text = String(decoding: hex, as: UTF8.self)
        guard let digest = ContentDigest(hex: text) else { throw DigestFailure(hex: text) }
        return digest
    }

    /// 64 lowercase hex digits always make a digest; this is here so that cannot fail silently.
    struct DigestFailure: Error { var hex: String }

    static func receipt(_ received: UploadReceiver.Received) -> Components.Schemas.UploadReceipt {
        let issues = received.reading.issues.map { issue in
            Components.Schemas.RowIssue(
                row: issue.row, field: issue.field, severity: issue.severity.rawValue, reason: issue.reason)
        }
        return .init(
            id: received.upload.id.rawValue, status: .init(received.upload.status),
            month: received.upload.month.description, rows: received.reading.rows,
            records: received.reading.records, issues: issues, digest: "sha256:\(received.upload.digest.hex)")
    }

    static func status(_ upload: Upload, agency: Agency) -> Components.Schemas.UploadStatus {
        .init(
            id: upload.id.rawValue, version: upload.format, status: .init(upload.status),
            month: upload.month.description, rowsProcessed: upload.rowsProcessed,
            agency: .init(oid: agency.id.rawValue, name: agency.nameZh), digest: "sha256:\(upload.digest.hex)",
            bytes: upload.byteCount, receivedAt: upload.receivedAt.description, failure: upload.failure)
    }
}

extension Components.Schemas.UploadState {
    init(_ status: Upload.Status) {
        switch status {
        case .received: self = .received
        case .processing: self = .processing
        case .completed: self = .completed
        case .failed: self = .failed
        }
    }
}
