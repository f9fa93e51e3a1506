import VulnModel

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
