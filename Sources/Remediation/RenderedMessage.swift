/// A message ready for any channel: plain-text mail (zh-TW first, English below) and a webhook payload. Both
/// carry `key`, the planner's idempotency key, so a receiver can drop a resent copy (ADR 0011).
public struct RenderedMessage: Hashable, Sendable {
    public var key: String
    public var recipient: Recipient
    /// One line, `中文 / English`.
    public var subject: String
    /// Plain text, lines separated by LF; the mail adapter turns them into CRLF.
    public var body: String
    /// UTF-8 JSON, one object (`schema`, `idempotencyKey`, …).
    public var webhookPayload: [UInt8]

    public init(key: String, recipient: Recipient, subject: String, body: String, webhookPayload: [UInt8]) {
        self.key = key
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.webhookPayload = webhookPayload
    }
}
