import NIOCore
import NIOPosix

/// A plain SMTP client (RFC 5321) on SwiftNIO: one connection per message, EHLO, optional AUTH PLAIN, MAIL FROM,
/// RCPT TO for each recipient, DATA, QUIT. No STARTTLS: it talks to a relay on the local network or loopback
/// (ADR 0011). Every reply code is checked; the error names the command and quotes the reply.
public struct SMTPClient: Sendable {
    public struct Credentials: Hashable, Sendable {
        public var user: String
        public var password: String

        public init(user: String, password: String) {
            self.user = user
            self.password = password
        }
    }

    public var host: String
    public var port: Int
    /// The name given in EHLO.
    public var clientName: String
    public var credentials: Credentials?
    public var connectTimeout: TimeAmount
    /// Longest wait for any one reply.
    public var replyTimeout: TimeAmount
    public var group: any EventLoopGroup

    public init(
        host: String, port: Int, clientName: String = "openvans.localhost", credentials: Credentials? = nil,
        connectTimeout: TimeAmount = .seconds(10), replyTimeout: TimeAmount = .seconds(60),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.host = host
        self.port = port
        self.clientName = clientName
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
        self.group = group
    }

    /// Sends `message` (headers and body, any line endings) from `sender` to every address in `recipients`.
    /// Any refused recipient fails the whole message: a reminder that reaches half its addressees is not sent.
    public func send(from sender: String, to recipients: [String], message: [UInt8]) async throws(SMTPError) {
        try Self.check(sender, command: "MAIL FROM")
        for recipient in recipients { try Self.check(recipient, command: "RCPT TO") }
        guard !recipients.isEmpty else { throw SMTPError(command: "RCPT TO", reason: .invalidAddress("")) }
        let replyTimeout = self.replyTimeout
        let channel: NIOAsyncChannel<String, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(connectTimeout)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.addHandler(ByteToMessageHandler(LineDecoder()))
                        try pipeline.addHandler(ReplyTimeout(limit: replyTimeout))
                        return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError(command: "connect", reason: .connectFailed("\(host):\(port): \(error)"))
        }
        let data = SMTPData.stuffed(message)
        let credentials = self.credentials
        let clientName = self.clientName
        let failure: SMTPError?
        do {
            failure = try await channel.executeThenClose { inbound, outbound -> SMTPError? in
                var conversation = Conversation(replies: inbound.makeAsyncIterator(), outbound: outbound)
                do {
                    _ = try await conversation.expect(220, after: "greeting")
                    try await conversation.command("EHLO \(clientName)", named: "EHLO", expecting: 250)
                    if let credentials {
                        let token = Base64.encode(Array("\0\(credentials.user)\0\(credentials.password)".utf8))
                        try await conversation.command("AUTH PLAIN \(token)", named: "AUTH", expecting: 235)
                    }
                    try await conversation.command("MAIL FROM:<\(sender)>", named: "MAIL FROM", expecting: 250)
                    for recipient in recipients {
                        try await conversation.command(
                            "RCPT TO:<\(recipient)>", named: "RCPT TO <\(recipient)>", expecting: 250, 251)
                    }
                    try await conversation.command("DATA", named: "DATA", expecting: 354)
                    try await conversation.raw(data, named: "end of data", expecting: 250)
                    // The message is accepted; a server that then drops QUIT has still taken it.
                    try? await conversation.command("QUIT", named: "QUIT", expecting: 221)
                    return nil
                } catch let error as SMTPError {
                    try? await conversation.command("QUIT", named: "QUIT", expecting: 221)
                    return error
                } catch {
                    return SMTPError(command: conversation.current, reason: .io("\(error)"))
                }
            }
        } catch {
            throw SMTPError(command: "connection", reason: .io("\(error)"))
        }
        if let failure { throw failure }
    }
}

extension SMTPClient {
    /// Refuses what would break the command line: control characters, spaces and angle brackets.
    static func check(_ address: String, command: String) throws(SMTPError) {
        let isClean = address.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0.value != 0x7F && $0 != "<" && $0 != ">"
        }
        guard isClean, address.contains("@") else {
            throw SMTPError(command: command, reason: .invalidAddress(address))
        }
    }
}

/// One command–reply exchange after another over the connection.
struct Conversation {
    var replies: NIOAsyncChannelInboundStream<String>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var current = "greeting"

    init(
        replies: NIOAsyncChannelInboundStream<String>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.replies = replies
        self.outbound = outbound
    }

    mutating func command(_ line: String, named name: String, expecting codes: Int...) async throws(SMTPError) {
        try await raw(Array((line + "\r\n").utf8), named: name, expecting: codes)
    }

    mutating func raw(_ bytes: [UInt8], named name: String, expecting codes: Int...) async throws(SMTPError) {
        try await raw(bytes, named: name, expecting: codes)
    }

    mutating func raw(_ bytes: [UInt8], named name: String, expecting codes: [Int]) async throws(SMTPError) {
        current = name
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            throw SMTPError(command: name, reason: .io("write failed: \(error)"))
        }
        _ = try await expect(codes, after: name)
    }

    mutating func expect(_ codes: Int..., after name: String) async throws(SMTPError) -> SMTPReply {
        try await expect(codes, after: name)
    }

    /// Reads one whole (possibly multi-line) reply and checks its code.
    mutating func expect(_ codes: [Int], after name: String) async throws(SMTPError) -> SMTPReply {
        var lines: [String] = []
        while true {
            let line: String?
            do {
                line = try await replies.next()
            } catch is ReplyTimeout.Timeout {
                throw SMTPError(command: name, reason: .timeout)
            } catch {
                throw SMTPError(command: name, reason: .io("\(error)"))
            }
            guard let line else { throw SMTPError(command: name, reason: .connectionClosed) }
            guard let parsed = SMTPReply.parse(line: line) else {
                throw SMTPError(command: name, reason: .malformedReply(line))
            }
            lines.append(parsed.text)
            if !parsed.more {
                let reply = SMTPReply(code: parsed.code, lines: lines)
                guard codes.contains(reply.code) else { throw SMTPError(command: name, reason: .rejected(reply)) }
                return reply
            }
        }
    }
}
