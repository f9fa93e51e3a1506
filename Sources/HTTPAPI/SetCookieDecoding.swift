package import Foundation
import HTTPTypes
package import OpenAPIRuntime

/// The OpenAPI runtime percent-encodes header values written from the spec's `Set-Cookie` (URI "simple" style), which
/// browsers would store verbatim as a cookie named `vans_session%3D…`. This puts the cookie back as written; the
/// values it carries (base64url tokens, attribute names) contain no `%` of their own. `Location` likewise (`%2F`
/// for every slash): the service's own paths, upload ids and `/login`, have no `%` either.
package struct SetCookieDecoding: ServerMiddleware {
    package init() {}

    package func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        metadata: ServerRequestMetadata,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var (response, responseBody) = try await next(request, body, metadata)
        for name in [HTTPField.Name.setCookie, .location] {
            if let value = response.headerFields[name], let decoded = value.removingPercentEncoding {
                response.headerFields[name] = decoded
            }
        }
        return (response, responseBody)
    }
}
