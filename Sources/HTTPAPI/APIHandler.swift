package import AppCore
package import Foundation
package import OpenAPIRuntime

/// The generated API's operations, implemented on the AppCore use cases. Handlers answer only the success
/// cases: a caller's mistake is thrown as a `Rejection` and the server turns it into a problem answer, so the
/// status codes live in one place (ADR 0012).
package struct APIHandler: APIProtocol {
    package let receiver: UploadReceiver
    /// Whether the service can take uploads now (false before the stores answer and while shutting down).
    package let isReady: @Sendable () async -> Bool

    package init(receiver: UploadReceiver, isReady: @escaping @Sendable () async -> Bool = { true }) {
        self.receiver = receiver
        self.isReady = isReady
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
        let received = try await receiver.receive(try Self.canonical(body), apiKey: body.apiKey, version: .v1)
        let receipt = Self.receipt(received.upload)
        return received.created ? .created(.init(body: .json(receipt))) : .ok(.init(body: .json(receipt)))
    }

    package func insertServerUnitproduct(_ input: Operations.InsertServerUnitproduct.Input) async throws
        -> Operations.InsertServerUnitproduct.Output
    {
        guard case .json(let body) = input.body else { throw Rejection(.invalid, "expected application/json") }
        let received = try await receiver.receive(try Self.canonical(body), apiKey: body.apiKey, version: .v2)
        let receipt = Self.receipt(received.upload)
        return received.created ? .created(.init(body: .json(receipt))) : .ok(.init(body: .json(receipt)))
    }

    package func getUpload(_ input: Operations.GetUpload.Input) async throws -> Operations.GetUpload.Output {
        let id = Upload.ID(rawValue: input.path.id)
        guard let upload = try await receiver.store.upload(id) else {
            throw Rejection(.notFound, "no upload \(id)", field: "id")
        }
        return .ok(.init(body: .json(Self.status(upload))))
    }

    /// The body as sorted-key JSON: what is read, digested and stored, so that the same content sent with
    /// other whitespace or key order is the same upload.
    static func canonical(_ body: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(body))
    }

    static func receipt(_ upload: Upload) -> Components.Schemas.UploadReceipt {
        .init(
            id: upload.id.rawValue, status: .init(upload.status), rows: upload.rows, records: upload.records,
            issues: upload.issues.count, digest: upload.digest.description)
    }

    static func status(_ upload: Upload) -> Components.Schemas.UploadStatus {
        let issues = upload.issues.map { issue in
            Components.Schemas.ConversionReport.IssuesPayloadPayload(
                row: issue.row, field: issue.field, severity: issue.severity.rawValue, reason: issue.reason)
        }
        return .init(
            id: upload.id.rawValue,
            version: upload.version == .v1 ? .v1 : .v2,
            status: .init(upload.status),
            progress: upload.status == .processed ? 1 : 0,
            agency: .init(oid: upload.uploader.oid, name: upload.uploader.name),
            digest: upload.digest.description,
            bytes: upload.byteCount,
            report: .init(rows: upload.rows, records: upload.records, issues: issues))
    }
}

extension Components.Schemas.UploadReceipt.StatusPayload {
    init(_ status: Upload.Status) {
        switch status {
        case .received: self = .received
        case .processed: self = .processed
        }
    }
}

extension Components.Schemas.UploadStatus.StatusPayload {
    init(_ status: Upload.Status) {
        switch status {
        case .received: self = .received
        case .processed: self = .processed
        }
    }
}
