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
    /// Findings and processed uploads' reports; without it the status shows no report and findings are refused.
    package let results: ResultsReader?
    /// Passkey sign-in and sessions (ADR 0014); nil keeps the API to agency keys.
    package let auth: AuthServices?
    /// The feed sources' state for `GET /api/v1/feeds`; nil when the service has none (every source then shows missing).
    package let feeds: FeedStatusQuery?
    /// Remediation records and actions (needs `auth`: they are for signed-in people); nil answers 404.
    package let remediation: RemediationServices?

    package init(
        receiver: UploadReceiver, results: ResultsReader? = nil,
        isReady: @escaping @Sendable () async -> Bool = { true }, auth: AuthServices? = nil,
        feeds: FeedStatusQuery? = nil, remediation: RemediationServices? = nil
    ) {
        self.remediation = remediation
        self.receiver = receiver
        self.results = results
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
        guard case .json(var body) = input.body else { throw Rejection(.invalid, "expected application/json") }
        let apiKey = body.apiKey
        body.apiKey = nil
        let received = try await receive(body, apiKey: apiKey, month: body.month, version: .v1)
        let receipt = Self.receipt(received)
        return received.isNew ? .created(.init(body: .json(receipt))) : .ok(.init(body: .json(receipt)))
    }

    package func insertServerUnitproduct(_ input: Operations.InsertServerUnitproduct.Input) async throws
        -> Operations.InsertServerUnitproduct.Output
    {
        guard case .json(var body) = input.body else { throw Rejection(.invalid, "expected application/json") }
        let apiKey = body.apiKey
        body.apiKey = nil
        let received = try await receive(body, apiKey: apiKey, month: body.month, version: .v2)
        let receipt = Self.receipt(received)
        return received.isNew ? .created(.init(body: .json(receipt))) : .ok(.init(body: .json(receipt)))
    }

    package func getUpload(_ input: Operations.GetUpload.Input) async throws -> Operations.GetUpload.Output {
        let id = Upload.ID(input.path.id)
        let bySession = input.headers.xAPIKey == nil && AccessGate.current?.principal != nil
        if let results {
            let found =
                if let auth, bySession {
                    try await results.upload(id, gate: auth.gate)
                } else {
                    try await results.upload(id, apiKey: input.headers.xAPIKey)
                }
            var status = Self.status(found.upload, agency: found.agency)
            status.report = found.snapshot.map(Self.report)
            return .ok(.init(body: .json(status)))
        }
        let found =
            if let auth, bySession {
                try await receiver.upload(id, gate: auth.gate)
            } else {
                try await receiver.upload(id, apiKey: input.headers.xAPIKey)
            }
        return .ok(.init(body: .json(Self.status(found.upload, agency: found.agency))))
    }

    func receive(_ body: some Encodable, apiKey: String?, month: String?, version: UploadReceiver.Version)
        async throws -> UploadReceiver.Received
    {
        let canonical = try Self.canonical(body)
        return try await receiver.receive(
            canonical, digest: try Self.digest(canonical), apiKey: apiKey, version: version, month: month)
    }

    /// The body as sorted-key JSON: what is read, digested and kept, so that the same content sent with other
    /// whitespace or key order is the same upload. Callers remove the key first: a secret is never kept, and a
    /// rotated key does not make the same content another upload (ADR 0013).
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
            month: upload.month.description, monthROC: upload.month.roc, rowsProcessed: upload.rowsProcessed,
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
