import VulnModel

/// Every send, with its idempotency key (R23). Implementations must make `markSending` durable before returning:
/// it is what lets a restart know a send may have happened. A log failure stops dispatching: sending without
/// logging would break the no-duplicates promise.
public protocol SentMessageLog: Sendable {
    /// Which of `keys` are sent on `channel`, asked in batches: a day's run asks about every open record's latest
    /// stage, tens of thousands of keys in a national deployment, so one query per key does not scale.
    func sent(_ keys: [String], channel: String) async throws(StoreError) -> Set<String>
    func markSending(_ key: String, channel: String, recipient: String, at time: Timestamp)
        async throws(StoreError)
    func markSent(_ key: String, channel: String, at time: Timestamp) async throws(StoreError)
    /// Records a failed attempt; the entry stays unsent so a later run retries it.
    func markFailed(_ key: String, channel: String, error: String, at time: Timestamp)
        async throws(StoreError)
    /// Marks the messages a digest carried as sent with it, in one transaction, once the digest itself is marked
    /// sent (the digest's entry is what makes a resend impossible; these say which reminders it delivered).
    func markCovered(_ keys: [String], channel: String, recipient: String, at time: Timestamp)
        async throws(StoreError)
    func records() async throws(StoreError) -> [DeliveryRecord]
}

extension SentMessageLog {
    public func alreadySent(_ key: String, channel: String) async throws(StoreError) -> Bool {
        try await sent([key], channel: channel).contains(key)
    }
}
