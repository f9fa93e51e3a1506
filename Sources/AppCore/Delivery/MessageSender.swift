import Remediation

/// Delivers rendered messages over one channel (mail, webhook). An implementation must send the same bytes for
/// the same message, including an id derived from `message.key`, so that a resend after a crash can be
/// recognised by the receiver (ADR 0011).
public protocol MessageSender: Sendable {
    /// Names the channel in the sent-message log: `mail`, `webhook`.
    var channel: String { get }
    /// Whether this channel reaches `recipient` at all (no address configured means nothing to send).
    func reaches(_ recipient: Recipient) -> Bool
    func send(_ message: RenderedMessage) async throws(DeliveryError)
}
