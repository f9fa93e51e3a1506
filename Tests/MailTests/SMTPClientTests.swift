import Mail
import NIOCore
import NIOPosix
import Testing

/// Client behaviour that needs no real mail server: refused input and a server that never speaks.
@Suite struct SMTPClientTests {
    @Test(arguments: ["ok@b.tw\r\nRCPT TO:<evil@x.tw>", "no-at-sign", "a b@c.tw", "<a@b.tw>"])
    func addressesThatWouldInjectCommandsAreRefusedBeforeConnecting(address: String) async {
        // Port 9 (discard) is never contacted: the check comes first.
        let client = SMTPClient(host: "127.0.0.1", port: 9)
        do {
            try await client.send(from: "a@b.tw", to: [address], message: Array("x".utf8))
            Issue.record("\(address) was accepted")
        } catch {
            #expect(error.reason == .invalidAddress(address))
            #expect(error.isPermanent)
        }
    }

    /// A server that accepts the connection and says nothing ends in a typed timeout naming the greeting.
    @Test func aSilentServerTimesOut() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = try #require(server.channel.localAddress?.port)
        let client = SMTPClient(host: "127.0.0.1", port: port, replyTimeout: .milliseconds(100))
        do {
            try await client.send(from: "a@b.tw", to: ["c@d.tw"], message: Array("x".utf8))
            Issue.record("a silent server was taken as having accepted the message")
        } catch {
            #expect(error.command == "greeting")
            #expect(error.reason == .timeout)
        }
        try await server.channel.close()
    }
}
