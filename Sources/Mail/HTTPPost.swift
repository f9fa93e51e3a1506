import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP/1.1 POST of a JSON body with `Connection: close`, reading only the response status: what webhooks and
/// the VANS push need (ADR 0011: no HTTP client package for one POST).
public struct HTTPPost: Sendable {
    public var timeout: TimeAmount
    public var group: any EventLoopGroup

    public init(timeout: TimeAmount = .seconds(30), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.timeout = timeout
        self.group = group
    }

    /// Posts `body` to `endpoint` with `headers` besides the standard ones and returns the response status. A
    /// server silent for `timeout` after the request ends with `ResponseTimeout.Timeout`.
    public func send(_ body: [UInt8], to endpoint: WebhookEndpoint, headers extra: [(String, String)] = [])
        async throws -> HTTPResponseStatus
    {
        let timeout = self.timeout
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: endpoint.host, port: endpoint.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHTTPClientHandlers()
                    try pipeline.addHandler(ResponseTimeout(limit: timeout))
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: endpoint.port == 80 ? endpoint.host : "\(endpoint.host):\(endpoint.port)")
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        headers.add(name: "Content-Length", value: "\(body.count)")
        for (name, value) in extra { headers.add(name: name, value: value) }
        headers.add(name: "User-Agent", value: "OpenVANS")
        headers.add(name: "Connection", value: "close")
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: endpoint.path, headers: headers)
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(.head(head))
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
            try await outbound.write(.end(nil))
            var status: HTTPResponseStatus?
            for try await part in inbound {
                switch part {
                case .head(let response): status = response.status
                case .body: continue
                case .end: if let status { return status }
                }
            }
            throw ConnectionClosed()
        }
    }

    struct ConnectionClosed: Error, CustomStringConvertible {
        var description: String { "the connection closed before a whole response" }
    }
}
