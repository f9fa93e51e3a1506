import VulnModel

/// A rolling-window rate limit as a schedule: at most `limit` requests in any `period`. It only says when the next
/// request may be sent; the caller waits (or, in tests, does not). NVD allows 5 requests in a rolling 30 seconds
/// without an API key and 50 with one.
public struct RateSchedule: Hashable, Sendable {
    public let limit: Int
    public let period: Duration
    /// The last `limit` reserved send instants, oldest first.
    public private(set) var sent: [Timestamp] = []

    public init(limit: Int, period: Duration) {
        self.limit = max(1, limit)
        self.period = period
    }

    public static let nvdWithoutKey = RateSchedule(limit: 5, period: .seconds(30))
    public static let nvdWithKey = RateSchedule(limit: 50, period: .seconds(30))

    /// The earliest instant, not before `now` nor before the last reserved slot (requests go one after another), at
    /// which one more request keeps at most `limit` in any `period`: once `limit` are reserved, the next waits until
    /// the oldest of them leaves the window.
    public func nextSlot(after now: Timestamp) -> Timestamp {
        let base = max(now, sent.last ?? now)
        guard sent.count >= limit, let oldest = sent.first else { return base }
        return max(base, oldest.adding(milliseconds: period.milliseconds))
    }

    /// Takes the next slot and records the request as sent then; returns that instant.
    public mutating func reserve(now: Timestamp) -> Timestamp {
        let slot = nextSlot(after: now)
        sent.append(slot)
        if sent.count > limit { sent.removeFirst(sent.count - limit) }
        return slot
    }
}

extension Timestamp {
    func adding(milliseconds: Int64) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }
}
