import VulnModel

/// Every send, with its idempotency key (R23). Implementations must make `markSending` durable before returning:
/// it is what lets a restart know a send may have happened. A log failure stops dispatching: sending without
/// logging would break the no-duplicates promise.
public protocol SentMessageLog: Sendable {
    func alreadySent(_ key: String, channel: String) async throws(StoreError) -> Bool
    func markSending(_ key: String, channel: String, recipient: String, at time: Timestamp)
        async throws(StoreError)
    func markSent(_ key: String, channel: String, at time: Timestamp) async throws(StoreError)
    /// Records a failed attempt; the entry stays unsent so a later run retries it.
    func markFailed(_ key: String, channel: String, error: String, at time: Timestamp)
        async throws(StoreError)
    func records() async throws(StoreError) -> [DeliveryRecord]
}
