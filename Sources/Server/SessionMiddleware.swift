import AppCore
import HTTPTypes
import Hummingbird

/// The policy enforcement point in front of every route but the probes: resolves the caller from the session
/// cookie or a bearer token, logs that decision with the request, and binds the caller to the request's task so
/// handlers can decide on each resource (ADR 0014). A revoked session is caught here on its next request.
public struct SessionMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    let gate: AccessGate
    /// Probes and metrics are scraped every few seconds and touch no one's data; logging them would drown the log.
    static let unlogged: Set<String> = ["/healthz", "/readyz", "/metrics"]
    static let cookieName = "vans_session"

    public init(gate: AccessGate) { self.gate = gate }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        if Self.unlogged.contains(path) { return try await next(request, context) }
        let line = "\(request.method) \(path)"
        let principal = try await gate.admit(
            token: Self.token(in: request.headers), requestID: context.requestID, request: line)
        let access = AccessGate.RequestAccess(principal: principal, requestID: context.requestID, request: line)
        return try await AccessGate.$current.withValue(access) { try await next(request, context) }
    }

    /// `Authorization: Bearer …` first, else the `vans_session` cookie.
    static func token(in headers: HTTPFields) -> String? {
        if let authorization = headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
        }
        for header in headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let trimmed = pair.drop { $0 == " " }
                if trimmed.hasPrefix(cookieName + "=") { return String(trimmed.dropFirst(cookieName.count + 1)) }
            }
        }
        return nil
    }
}
