import AppCore
import Crypto
import NIOCore
import NIOHTTP1
import NIOPosix
import Remediation

/// Where a recipient's webhook listens: plain HTTP only (no TLS library is in the build yet, ADR 0011), so a
/// receiver off the host sits behind a local TLS-terminating proxy.
public struct WebhookEndpoint: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var path: String
    /// The shared secret the receiver checks `X-OpenVANS-Signature` with; nil sends unsigned.
    public var secret: [UInt8]?

    public init(host: String, port: Int, path: String, secret: [UInt8]? = nil) {
        self.host = host
        self.port = port
        self.path = path.hasPrefix("/") ? path : "/" + path
        self.secret = secret
    }

    /// `http://host[:port][/path]`.
    public init(parsing url: String, secret: [UInt8]? = nil) throws(DeliveryError) {
        let scheme = "http://"
        guard url.hasPrefix(scheme) else {
            throw DeliveryError(
                channel: "webhook", key: "", reason: "\(url): only http:// is supported", isPermanent: true)
        }
        let rest = url.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count)
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard !authority.isEmpty, parts.count <= 2, let port = parts.count == 2 ? Int(parts[1]) : 80 else {
            throw DeliveryError(channel: "webhook", key: "", reason: "\(url): bad host or port", isPermanent: true)
        }
        self.init(host: String(parts[0]), port: port, path: path.isEmpty ? "/" : String(path), secret: secret)
    }

    public var description: String { "http://\(host):\(port)\(path)" }
}

/// The webhook channel: an HTTP/1.1 POST of the message's JSON payload, with the idempotency key in an
/// `Idempotency-Key` header as well as in the body, signed when the endpoint has a secret. Any 2xx is delivered;
/// 408, 429 and 5xx are worth a retry, other 4xx are not.
public struct WebhookSender: MessageSender {
    public var endpoints: [Recipient: WebhookEndpoint]
    public var timeout: TimeAmount
    public var group: any EventLoopGroup

    public init(
        endpoints: [Recipient: WebhookEndpoint], timeout: TimeAmount = .seconds(30),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.endpoints = endpoints
        self.timeout = timeout
        self.group = group
    }

    public var channel: String { "webhook" }

    public func reaches(_ recipient: Recipient) -> Bool { endpoints[recipient] != nil }

    public func send(_ message: RenderedMessage) async throws(DeliveryError) {
        guard let endpoint = endpoints[message.recipient] else {
            throw failure(message, "no webhook for \(message.recipient)", permanent: true)
        }
        let status: HTTPResponseStatus
        do {
            status = try await post(message, to: endpoint)
        } catch is ResponseTimeout.Timeout {
            throw failure(message, "\(endpoint): no response before the timeout", permanent: false)
        } catch {
            throw failure(message, "\(endpoint): \(error)", permanent: false)
        }
        guard (200..<300).contains(status.code) else {
            let retryable = status.code >= 500 || status.code == 408 || status.code == 429
            throw failure(message, "\(endpoint) answered \(status.code) \(status.reasonPhrase)", permanent: !retryable)
        }
    }

    private func failure(_ message: RenderedMessage, _ reason: String, permanent: Bool) -> DeliveryError {
        DeliveryError(channel: channel, key: message.key, reason: reason, isPermanent: permanent)
    }

    private func post(_ message: RenderedMessage, to endpoint: WebhookEndpoint) async throws -> HTTPResponseStatus {
        var headers = [("Idempotency-Key", Self.headerSafe(message.key))]
        if let secret = endpoint.secret {
            headers.append(("X-OpenVANS-Signature", Self.signature(of: message.webhookPayload, secret: secret)))
        }
        return try await HTTPPost(timeout: timeout, group: group).send(
            message.webhookPayload, to: endpoint, headers: headers)
    }

    /// `sha256=<hex HMAC-SHA256 of the body>`, the form GitHub's and Stripe's receivers already know how to check.
    public static func signature(of body: [UInt8], secret: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        let digits = Array("0123456789abcdef")
        return "sha256=" + String(code.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
    }

    /// Header values must be visible ASCII; a key with other characters is still whole in the JSON body.
    private static func headerSafe(_ key: String) -> String {
        String(key.unicodeScalars.map { $0.value >= 0x21 && $0.value < 0x7F ? Character($0) : "_" })
    }
}
