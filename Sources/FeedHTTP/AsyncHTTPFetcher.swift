import AppCore
import AsyncHTTPClient
import NIOCore

/// `HTTPFetcher` on AsyncHTTPClient's shared client (which follows redirects): a whole body up to `maximumBytes`,
/// within `timeout` per request.
public struct AsyncHTTPFetcher: HTTPFetcher {
    public var timeout: Duration
    public var maximumBytes: Int
    public var userAgent: String

    public init(timeout: Duration = .seconds(120), maximumBytes: Int = 1 << 30, userAgent: String = "OpenVANS") {
        self.timeout = timeout
        self.maximumBytes = maximumBytes
        self.userAgent = userAgent
    }

    public func get(_ url: String, headers: [(name: String, value: String)]) async throws(HTTPFetchFailure)
        -> HTTPFetchResponse
    {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: userAgent)
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .init(timeout))
            let body = try await response.body.collect(upTo: maximumBytes)
            let retryAfter = response.headers.first(name: "Retry-After").flatMap { Int64($0) }.map {
                Duration.seconds($0)
            }
            return HTTPFetchResponse(
                status: Int(response.status.code), retryAfter: retryAfter, body: Array(body.readableBytesView))
        } catch let error as HTTPClientError
            where [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error)
        {
            throw .timeout
        } catch {
            throw .transport("\(error)")
        }
    }
}
