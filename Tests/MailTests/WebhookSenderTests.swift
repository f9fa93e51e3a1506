import AppCore
import Governance
import Mail
import NIOCore
import NIOHTTP1
import NIOPosix
import Remediation
import Testing
import VulnModel

/// The webhook channel against an HTTP listener on loopback written here with NIO.
@Suite struct WebhookSenderTests {
    struct Captured: Sendable {
        var head: HTTPRequestHead
        var body: [UInt8]
    }

    /// An HTTP/1.1 listener on a free loopback port.
    static func bind() async throws
        -> NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
    }

    /// Serves one request, answering `status`, and returns what was posted.
    static func listen(answering status: HTTPResponseStatus) async throws
        -> (port: Int, request: @Sendable () async throws -> Captured)
    {
        let server = try await Self.bind()
        let port = try #require(server.channel.localAddress?.port)
        let request: @Sendable () async throws -> Captured = {
            try await server.executeThenClose { connections in
                var iterator = connections.makeAsyncIterator()
                guard let connection = try await iterator.next() else { throw ChannelError.ioOnClosedChannel }
                return try await connection.executeThenClose { parts, writer in
                    var head: HTTPRequestHead?
                    var body: [UInt8] = []
                    for try await part in parts {
                        switch part {
                        case .head(let received): head = received
                        case .body(let chunk): body += Array(chunk.readableBytesView)
                        case .end:
                            var headers = HTTPHeaders()
                            headers.add(name: "Content-Length", value: "0")
                            try await writer.write(
                                .head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
                            try await writer.write(.end(nil))
                            guard let head else { throw ChannelError.ioOnClosedChannel }
                            return Captured(head: head, body: body)
                        }
                    }
                    throw ChannelError.ioOnClosedChannel
                }
            }
        }
        return (port, request)
    }

    static func message() -> RenderedMessage {
        let deadline = Day(year: 2024, month: 3, day: 31) ?? Day(daysSinceEpoch: 0)
        return MessageRenderer(directory: MailFixtures.directory()).render(
            PlannedMessage(
                recipient: .agency(MailFixtures.county), agency: MailFixtures.bureau,
                subject: .remediation(MailFixtures.record().key, deadline: deadline), stage: .escalation(1),
                dueOn: deadline.adding(days: 7)))
    }

    @Test func postsThePayloadWithItsIdempotencyKeyAndSignature() async throws {
        let (port, request) = try await Self.listen(answering: .accepted)
        let message = Self.message()
        let secret = Array("s3cret".utf8)
        let sender = WebhookSender(
            endpoints: [
                .agency(MailFixtures.county): WebhookEndpoint(
                    host: "127.0.0.1", port: port, path: "/hooks/vans", secret: secret)
            ]
        )
        async let captured = request()
        try await sender.send(message)
        let received = try await captured
        #expect(received.head.method == .POST)
        #expect(received.head.uri == "/hooks/vans")
        #expect(received.head.headers["Content-Type"] == ["application/json; charset=utf-8"])
        #expect(received.head.headers["Idempotency-Key"] == [message.key])
        #expect(received.body == message.webhookPayload)
        #expect(
            received.head.headers["X-OpenVANS-Signature"]
                == [WebhookSender.signature(of: received.body, secret: secret)])
    }

    /// A server that reads the request and never answers: the send ends as a transient failure after the response
    /// timeout, which counts only from the end of the request (time before it, on a busy client, does not count).
    @Test func aSilentServerEndsInATimeoutWorthARetry() async throws {
        let server = try await Self.bind()
        let port = try #require(server.channel.localAddress?.port)
        let sender = WebhookSender(
            endpoints: [.agency(MailFixtures.county): WebhookEndpoint(host: "127.0.0.1", port: port, path: "/")],
            timeout: .milliseconds(200))
        let silent = Task {
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    // Read the whole request, then say nothing until the client gives up and closes.
                    try await connection.executeThenClose { parts, _ in for try await _ in parts {} }
                    return
                }
            }
        }
        let error = await #expect(throws: DeliveryError.self) { try await sender.send(Self.message()) }
        #expect(error?.isPermanent == false)
        #expect(error?.reason.contains("no response before the timeout") == true)
        silent.cancel()
    }

    /// RFC 4231 test case 2, so the signature is HMAC-SHA256 and not merely self-consistent.
    @Test func theSignatureIsHMACSHA256() {
        #expect(
            WebhookSender.signature(of: Array("what do ya want for nothing?".utf8), secret: Array("Jefe".utf8))
                == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test(arguments: [
        (HTTPResponseStatus.badRequest, true), (.serviceUnavailable, false), (.tooManyRequests, false),
    ])
    func aRefusalIsATypedErrorThatSaysWhetherToRetry(status: HTTPResponseStatus, permanent: Bool) async throws {
        let (port, request) = try await Self.listen(answering: status)
        let sender = WebhookSender(
            endpoints: [.agency(MailFixtures.county): WebhookEndpoint(host: "127.0.0.1", port: port, path: "/")])
        async let captured = request()
        do {
            try await sender.send(Self.message())
            Issue.record("a \(status.code) was taken as delivered")
        } catch {
            #expect(error.isPermanent == permanent)
            #expect(error.reason.contains("answered \(status.code)"))
        }
        _ = try await captured
    }

    @Test func endpointsAreReadFromURLs() throws {
        #expect(
            try WebhookEndpoint(parsing: "http://hooks.example.tw:8080/vans")
                == WebhookEndpoint(host: "hooks.example.tw", port: 8080, path: "/vans"))
        #expect(
            try WebhookEndpoint(parsing: "http://localhost") == WebhookEndpoint(host: "localhost", port: 80, path: "/"))
        #expect(throws: DeliveryError.self) { try WebhookEndpoint(parsing: "https://secure.example.tw/") }
    }
}
