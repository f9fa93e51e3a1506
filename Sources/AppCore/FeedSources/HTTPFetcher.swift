/// An HTTP GET, for downloading feeds; the adapter follows redirects and gives up after its own timeout.
public protocol HTTPFetcher: Sendable {
    func get(_ url: String, headers: [(name: String, value: String)]) async throws(HTTPFetchFailure)
        -> HTTPFetchResponse
}

public struct HTTPFetchResponse: Sendable {
    public var status: Int
    /// `Retry-After` in seconds, when the server sent one.
    public var retryAfter: Duration?
    public var body: [UInt8]

    public init(status: Int, retryAfter: Duration? = nil, body: [UInt8]) {
        self.status = status
        self.retryAfter = retryAfter
        self.body = body
    }
}

public enum HTTPFetchFailure: Error, Hashable, Sendable, CustomStringConvertible {
    case timeout
    case transport(String)

    public var description: String {
        switch self {
        case .timeout: "timed out"
        case .transport(let message): message
        }
    }
}
