/// A server reply: a three-digit code and its text lines (RFC 5321 §4.2), `250-first` … `250 last`.
public struct SMTPReply: Hashable, Sendable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    public var isPositive: Bool { (200..<400).contains(code) }
    /// 5yz: the server will not accept this, however often it is asked.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    public var description: String { lines.map { "\(code) \($0)" }.joined(separator: " / ") }

    /// Reads one line of a reply: its code, whether more lines follow (`-`), and its text.
    static func parse(line: String) -> (code: Int, more: Bool, text: String)? {
        let scalars = Array(line.utf8)
        guard scalars.count >= 3, scalars[0...2].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        let code = scalars[0...2].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard scalars.count > 3 else { return (code, false, "") }
        guard scalars[3] == UInt8(ascii: "-") || scalars[3] == UInt8(ascii: " ") else { return nil }
        return (code, scalars[3] == UInt8(ascii: "-"), String(decoding: scalars[4...], as: UTF8.self))
    }
}

/// What went wrong, naming the command that was under way and the server's reply when there was one.
public struct SMTPError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// The server answered with a code the command does not accept.
        case rejected(SMTPReply)
        case malformedReply(String)
        /// An address that cannot go between `<` and `>` unchanged (line breaks would inject commands).
        case invalidAddress(String)
        case timeout
        case connectionClosed
        case connectFailed(String)
        case io(String)
    }

    /// `greeting`, `EHLO`, `AUTH`, `MAIL FROM`, `RCPT TO <a@b>`, `DATA`, `end of data`, `QUIT`.
    public var command: String
    public var reason: Reason

    public init(command: String, reason: Reason) {
        self.command = command
        self.reason = reason
    }

    public var isPermanent: Bool {
        switch reason {
        case .rejected(let reply): reply.isPermanentFailure
        case .invalidAddress: true
        default: false
        }
    }

    public var description: String {
        switch reason {
        case .rejected(let reply): "SMTP \(command) rejected: \(reply)"
        case .malformedReply(let line): "SMTP \(command): malformed reply \"\(line)\""
        case .invalidAddress(let address): "SMTP \(command): invalid address \"\(address)\""
        case .timeout: "SMTP \(command): no reply before the timeout"
        case .connectionClosed: "SMTP \(command): the server closed the connection"
        case .connectFailed(let detail): "SMTP connect failed: \(detail)"
        case .io(let detail): "SMTP \(command): \(detail)"
        }
    }
}
