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
