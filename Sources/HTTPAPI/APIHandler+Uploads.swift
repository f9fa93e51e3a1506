package import AppCore
package import OpenAPIRuntime

extension APIHandler {
    package func uploadFile(_ input: Operations.UploadFile.Input) async throws -> Operations.UploadFile.Output {
        let body: HTTPBody
        switch input.body {
        case .binary(let sent), .csv(let sent),
            .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(let sent),
            .any(let sent):
            body = sent
        }
        let bytes: [UInt8]
        do {
            bytes = try await [UInt8](collecting: body, upTo: receiver.maxBytes)
        } catch {
            throw Rejection(.tooLarge, "the file is larger than \(receiver.maxBytes) bytes")
        }
        let bySession = input.headers.xAPIKey == nil && AccessGate.current?.principal != nil
        let sender: UploadReceiver.Sender =
            if let auth, bySession {
                .session(auth.gate, agency: input.query.agency)
            } else {
                .apiKey(input.headers.xAPIKey)
            }
        let received = try await receiver.receiveFile(
            bytes, fileName: input.query.filename, digest: try Self.digest(bytes), from: sender,
            month: input.query.month)
        let upload = received.upload
        var status = Self.status(upload, agency: try await receiver.agencies.agency(upload.agency))
        status.issues = received.reading.issues.map {
            .init(row: $0.row, field: $0.field, severity: $0.severity.rawValue, reason: $0.reason)
        }
        if upload.status == .completed,
            let snapshot = try await receiver.uploads.snapshot(of: upload.id, agency: upload.agency)
        {
            status.report = Self.report(snapshot)
        }
        let location = "/api/v1/uploads/\(upload.id.rawValue)"
        return received.isNew
            ? .accepted(.init(headers: .init(location: location), body: .json(status)))
            : .ok(.init(headers: .init(location: location), body: .json(status)))
    }
}
