import VulnModel

/// One `lastModStartDate`/`lastModEndDate` range of an NVD CVE API 2.0 request. The API refuses ranges longer
/// than 120 consecutive days, so a sync over a longer gap is split into several.
public struct LastModifiedWindow: Hashable, Sendable, CustomStringConvertible {
    public var start: Timestamp
    public var end: Timestamp

    public init(start: Timestamp, end: Timestamp) {
        self.start = start
        self.end = end
    }

    /// The API's limit on any date range.
    public static let maximumLength: Duration = .seconds(120 * 86_400)

    /// `[since, until]` cut into consecutive windows of at most `maximum`, the last one ending at `until`. Empty
    /// when `until` is not after `since`.
    public static func covering(
        since: Timestamp,
        until: Timestamp,
        maximum: Duration = maximumLength
    ) -> [LastModifiedWindow] {
        let step = max(1, maximum.milliseconds)
        var windows: [LastModifiedWindow] = []
        var start = since.millisecondsSinceEpoch
        let end = until.millisecondsSinceEpoch
        while start < end {
            let stop = min(end, start + step)
            windows.append(
                LastModifiedWindow(
                    start: Timestamp(millisecondsSinceEpoch: start),
                    end: Timestamp(millisecondsSinceEpoch: stop)
                )
            )
            start = stop
        }
        return windows
    }

    /// The extended ISO-8601 form the API takes, in UTC with an explicit offset: `2024-04-01T13:00:00.000+00:00`.
    public static func apiText(_ timestamp: Timestamp) -> String {
        String(timestamp.description.dropLast()) + "+00:00"
    }

    public var description: String { "\(start) – \(end)" }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
