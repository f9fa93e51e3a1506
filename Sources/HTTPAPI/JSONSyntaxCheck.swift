package import AppCore
import HTTPTypes
import JSON
package import OpenAPIRuntime

/// Reads a request's JSON body with the project's own reader before the generated code decodes it, so a
/// malformed body is refused with the byte offset where reading stopped (Foundation's decoder does not say).
/// The body is collected once, bounded, and handed on as bytes.
package struct JSONSyntaxCheck: ServerMiddleware {
    package let maxBytes: Int

    package init(maxBytes: Int) { self.maxBytes = maxBytes }

    package func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        metadata: ServerRequestMetadata,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let body, request.method == .post, !Self.unchecked.contains(operationID), !Self.isForm(request) else {
            return try await next(request, body, metadata)
        }
        let bytes: [UInt8]
        do {
            bytes = try await [UInt8](collecting: body, upTo: maxBytes)
        } catch {
            // The runtime's size error is private; the other failure, a body that cannot be iterated twice,
            // cannot happen to a body the transport has just made.
            throw Rejection(.tooLarge, "the body is larger than \(maxBytes) bytes")
        }
        // Bodiless POSTs (sign-in options, logout) have nothing to check; one that needs a body is refused by the
        // generated code.
        if bytes.isEmpty { return try await next(request, nil, metadata) }
        try Self.check(bytes)
        return try await next(request, HTTPBody(bytes), metadata)
    }

    /// Operations whose body is not JSON: a file upload is read by the inventory reader, which names its own
    /// offsets whatever the format.
    static let unchecked: Set<String> = ["uploadFile"]

    /// A form post (the pages' sign-out button) is not JSON either.
    static func isForm(_ request: HTTPRequest) -> Bool {
        request.headerFields[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
    }

    /// Throws a `Rejection` naming the offset when `bytes` is not one JSON value.
    static func check(_ bytes: [UInt8]) throws(Rejection) {
        do {
            try JSONReader.read(bytes) { reader throws(JSONError) in
                try reader.skipValue()
                guard reader.isAtEnd() else {
                    throw JSONError(offset: reader.offset, expected: "the end of the body after one JSON value")
                }
            }
        } catch {
            throw Rejection(.invalid, error.description, offset: error.offset)
        }
    }
}
