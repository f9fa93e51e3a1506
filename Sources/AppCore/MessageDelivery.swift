import Remediation
import VulnModel

/// Why a message could not be delivered; `permanent` failures (a 5xx reply, an unknown recipient) are not
/// worth retrying before someone fixes the configuration, transient ones are retried on the next run.
public struct DeliveryError: Error, Hashable, Sendable, CustomStringConvertible {
    public var channel: String
    public var key: String
    public var reason: String
    public var isPermanent: Bool

    public init(channel: String, key: String, reason: String, isPermanent: Bool) {
        self.channel = channel
        self.key = key
        self.reason = reason
        self.isPermanent = isPermanent
    }

    public var description: String {
        "\(channel) delivery of \(key) failed (\(isPermanent ? "permanent" : "transient")): \(reason)"
    }
}

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

/// Where a message stands on one channel.
public enum DeliveryState: String, Hashable, Sendable {
    /// Marked before sending: a crash leaves this behind, and the next run sends again (at-least-once).
    case sending
    case sent
    /// The last attempt failed; the next run retries it.
    case failed
}

/// One line of the sent-message log: which message, which channel, when, and how many attempts it took.
public struct DeliveryRecord: Hashable, Sendable {
    public var key: String
    public var channel: String
    public var recipient: String
    public var state: DeliveryState
    public var attempts: Int
    public var updatedAt: Timestamp
    public var lastError: String?

    public init(
        key: String, channel: String, recipient: String, state: DeliveryState, attempts: Int, updatedAt: Timestamp,
        lastError: String? = nil
    ) {
        self.key = key
        self.channel = channel
        self.recipient = recipient
        self.state = state
        self.attempts = attempts
        self.updatedAt = updatedAt
        self.lastError = lastError
    }
}

/// A log failure (disk full, database gone) stops dispatching: sending without logging would break the
/// no-duplicates promise.
public struct SentMessageLogError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { "sent-message log: \(reason)" }
}

/// Every send, with its idempotency key (R23). Implementations must make `markSending` durable before returning:
/// it is what lets a restart know a send may have happened.
public protocol SentMessageLog: Sendable {
    func alreadySent(_ key: String, channel: String) async throws(SentMessageLogError) -> Bool
    func markSending(_ key: String, channel: String, recipient: String, at time: Timestamp)
        async throws(SentMessageLogError)
    func markSent(_ key: String, channel: String, at time: Timestamp) async throws(SentMessageLogError)
    /// Records a failed attempt; the entry stays unsent so a later run retries it.
    func markFailed(_ key: String, channel: String, error: String, at time: Timestamp)
        async throws(SentMessageLogError)
    func records() async throws(SentMessageLogError) -> [DeliveryRecord]
}

/// The wall clock, injected so that tests choose "now".
public protocol WallClock: Sendable {
    func now() -> Timestamp
}
