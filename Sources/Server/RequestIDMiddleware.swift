import HTTPTypes
import Hummingbird

extension HTTPField.Name {
    /// `X-Request-ID`: the correlation id a proxy or caller may send, and which every answer carries.
    public static let requestID: Self = {
        guard let name = Self("X-Request-ID") else { preconditionFailure("X-Request-ID is a valid field name") }
        return name
    }()
}

/// Gives each request its id (the caller's `X-Request-ID` when it is short printable ASCII, otherwise 16 random
/// bytes in hex), puts it in the logger's metadata, so every log line of the request carries it, and in the
/// answer's header, also when a later middleware failed.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let id = request.headers[.requestID].flatMap(Self.usable) ?? Self.generate()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.requestID] = id
        return response
    }

    /// A caller's id is echoed into headers and logs, so only a short run of visible ASCII is taken.
    static func usable(_ text: String) -> String? {
        guard (1...128).contains(text.utf8.count), text.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            return nil
        }
        return text
    }

    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for _ in 0..<2 {
            var word = generator.next() as UInt64
            for _ in 0..<16 {
                text.append(digits[Int(word & 0xf)])
                word >>= 4
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
