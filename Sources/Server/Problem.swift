import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem: the body of every 4xx answer. `field` and `offset` say where in the request the
/// problem is, so a client can point at it.
struct Problem: Codable, Hashable, Sendable {
    var type: String
    var title: String
    var status: Int
    var detail: String?
    var field: String?
    var offset: Int?
    var requestId: String

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings and integers cannot fail; an empty body would still carry the status.
        let body = (try? encoder.encode(self)) ?? Data()
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/problem+json"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The whole body of a 500 answer: the request id, to find the log lines, and nothing about the cause.
    static func internalError(requestID: String) -> Response {
        let id = requestID.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return Response(
            status: .internalServerError,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: "{\"requestId\":\"\(id)\"}")))
    }
}
