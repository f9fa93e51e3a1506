import VulnModel

extension Timestamp {
    /// The calendar day in Taiwan (UTC+8, no daylight saving since 1979). Deadlines, flag days and digests are
    /// Taiwanese days: a job running at 23:30 UTC is already working on the next day in Taipei.
    public var dayInTaiwan: Day {
        Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + 8 * 3_600_000).day
    }
}
