import AppCore
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime

/// The one place errors become HTTP statuses (ARCHITECTURE: only `Server` maps errors). A `Rejection` from a
/// use case, a body the generated code could not decode, or a request Hummingbird or the OpenAPI runtime refused
/// becomes a 4xx problem naming the field; anything else is logged with the request id and answered with a
/// 500 whose body is only that id.
public struct ErrorMapping: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let problem = Self.problem(for: error, requestID: context.requestID, path: request.uri.path) {
                context.logger.info(
                    "request refused",
                    metadata: ["status": "\(problem.status)", "problem": "\(problem.detail ?? problem.title)"])
                return problem.response()
            }
            // Only the cause: the runtime's wrapper would also print the decoded body, API key included.
            var metadata: Logger.Metadata = ["error": "\(String(reflecting: error))"]
            if let wrapped = error as? ServerError {
                metadata = [
                    "error": "\(String(reflecting: wrapped.underlyingError))", "operation": "\(wrapped.operationID)",
                ]
            }
            context.logger.error("request failed", metadata: metadata)
            return Problem.internalError(requestID: context.requestID)
        }
    }

    /// The problem for a client's mistake, or nil when `error` is the service's own fault.
    static func problem(for error: any Error, requestID: String, path: String) -> Problem? {
        func make(
            _ status: HTTPResponse.Status, _ kind: String, _ detail: String?, field: String? = nil, offset: Int? = nil
        )
            -> Problem
        {
            Problem(
                type: "urn:openvans:problem:\(kind)", title: status.reasonPhrase, status: status.code,
                detail: detail, field: field, offset: offset, requestId: requestID)
        }
        switch error {
        case let error as ServerError:
            // The generated server wraps whatever the handler or decoder threw.
            return problem(for: error.underlyingError, requestID: requestID, path: path)
        case let rejection as Rejection:
            let status: HTTPResponse.Status =
                switch rejection.kind {
                case .invalid: .badRequest
                case .unauthenticated: .unauthorized
                case .forbidden: .forbidden
                case .notFound: .notFound
                case .tooLarge: .contentTooLarge
                case .conflict: .conflict
                case .unprocessable: .unprocessableContent
                }
            return make(
                status, rejection.kind.rawValue, rejection.detail, field: rejection.field, offset: rejection.offset)
        case let error as DecodingError:
            return make(.badRequest, "invalid", Self.describe(error), field: Self.field(of: error))
        case let error as any HTTPResponseError where (400..<500).contains(error.status.code):
            return make(error.status, "http", error.status.reasonPhrase)
        case let error as any HTTPResponseConvertible where (400..<500).contains(error.httpStatus.code):
            return make(error.httpStatus, "http", "\(error)")
        default:
            return nil
        }
    }

    /// `data[2].cpe23` from a decoding path.
    static func field(of error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
        @unknown default:
            return nil
        }
        guard !path.isEmpty else { return nil }
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): "expected \(type)"
        case .valueNotFound(let type, _): "expected a value of type \(type), found null"
        case .keyNotFound(let key, _): "missing required field \(key.stringValue)"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "unreadable body"
        }
    }
}
