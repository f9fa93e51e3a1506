import VulnModel

/// When the service sends the day's reminders: a time of day in Taiwan (UTC+8, no daylight saving), by default
/// 09:00, so that messages arrive in office hours.
public struct ReminderSchedule: Hashable, Sendable, CustomStringConvertible {
    /// Minutes after Taiwan's midnight.
    public let minuteOfDay: Int

    public static let standard = ReminderSchedule(minuteOfDay: 9 * 60)

    init(minuteOfDay: Int) { self.minuteOfDay = minuteOfDay }

    /// `HH:MM`, 00:00 to 23:59; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        minuteOfDay = hour * 60 + minute
    }

    public var description: String {
        let (hour, minute) = (minuteOfDay / 60, minuteOfDay % 60)
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// The Taiwanese day whose run is due at `now`: today once the time has passed, nil before it.
    public func dueDay(at now: Timestamp) -> Day? {
        let local = now.millisecondsSinceEpoch + 8 * 3_600_000
        let minute = Int((local % 86_400_000 + 86_400_000) % 86_400_000 / 60_000)
        return minute >= minuteOfDay ? now.dayInTaiwan : nil
    }
}
