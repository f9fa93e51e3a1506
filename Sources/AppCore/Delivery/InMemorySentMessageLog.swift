import VulnModel

/// A sent-message log that lives as long as the process: for tests and dry runs. A restart is simulated by
/// handing the same instance to a new dispatcher.
public actor InMemorySentMessageLog: SentMessageLog {
    private var entries: [String: DeliveryRecord] = [:]

    public init() {}

    private static func id(_ key: String, _ channel: String) -> String { "\(channel) \(key)" }

    public func sent(_ keys: [String], channel: String) -> Set<String> {
        Set(keys.filter { entries[Self.id($0, channel)]?.state == .sent })
    }

    public func markCovered(_ keys: [String], channel: String, recipient: String, at time: Timestamp) {
        for key in keys {
            markSending(key, channel: channel, recipient: recipient, at: time)
            markSent(key, channel: channel, at: time)
        }
    }

    public func markSending(_ key: String, channel: String, recipient: String, at time: Timestamp) {
        let id = Self.id(key, channel)
        var record =
            entries[id]
            ?? DeliveryRecord(
                key: key, channel: channel, recipient: recipient, state: .sending, attempts: 0, updatedAt: time)
        record.state = .sending
        record.attempts += 1
        record.updatedAt = time
        entries[id] = record
    }

    public func markSent(_ key: String, channel: String, at time: Timestamp) {
        entries[Self.id(key, channel)]?.state = .sent
        entries[Self.id(key, channel)]?.updatedAt = time
        entries[Self.id(key, channel)]?.lastError = nil
    }

    public func markFailed(_ key: String, channel: String, error: String, at time: Timestamp) {
        entries[Self.id(key, channel)]?.state = .failed
        entries[Self.id(key, channel)]?.lastError = error
        entries[Self.id(key, channel)]?.updatedAt = time
    }

    public func records() -> [DeliveryRecord] {
        entries.values.sorted { ($0.key, $0.channel) < ($1.key, $1.channel) }
    }
}
