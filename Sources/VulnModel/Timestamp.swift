/// An instant in UTC with millisecond precision, as NVD and CVE JSON 5 write them
/// (`2023-10-18T16:15:09.117`, `2024-08-01T18:53:30.423Z`, `2024-08-01T16:27:57.203000+00:00`).
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Parses ISO 8601 date-times with optional fraction and zone; a missing zone means UTC (NVD's habit).
    public init?(iso8601 text: some StringProtocol) {
        let bytes = Array(text.utf8)
        var cursor = 0
        func number(_ width: Int) -> Int? {
            guard cursor + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[cursor..<cursor + width] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            cursor += width
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard cursor < bytes.count, bytes[cursor] == character else { return false }
            cursor += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
            let date = Day(year: year, month: month, day: day)
        else { return nil }
        var seconds = Int64(date.daysSinceEpoch) * 86_400
        var millis: Int64 = 0
        if cursor < bytes.count {
            guard expect(84) || expect(32), let hour = number(2), expect(58), let minute = number(2),
                hour < 24, minute < 60
            else { return nil }
            seconds += Int64(hour * 3600 + minute * 60)
            if expect(58) {
                guard let second = number(2), second < 61 else { return nil }
                seconds += Int64(second)
                if expect(46) {
                    var scale: Int64 = 100
                    while cursor < bytes.count, bytes[cursor] >= 48, bytes[cursor] <= 57 {
                        millis += Int64(bytes[cursor] - 48) * scale
                        scale /= 10
                        cursor += 1
                    }
                }
            }
            if cursor < bytes.count {
                if expect(90) {
                    // Z: UTC
                } else if bytes[cursor] == 43 || bytes[cursor] == 45 {
                    let sign: Int64 = bytes[cursor] == 45 ? -1 : 1
                    cursor += 1
                    guard let zoneHours = number(2) else { return nil }
                    _ = expect(58)
                    guard let zoneMinutes = number(2) else { return nil }
                    seconds -= sign * Int64(zoneHours * 3600 + zoneMinutes * 60)
                } else {
                    return nil
                }
            }
            guard cursor == bytes.count else { return nil }
        }
        millisecondsSinceEpoch = seconds * 1000 + millis
    }

    public var day: Day { Day(daysSinceEpoch: Int(floorDivide(millisecondsSinceEpoch, 86_400_000))) }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public var description: String {
        let millis = millisecondsSinceEpoch - floorDivide(millisecondsSinceEpoch, 86_400_000) * 86_400_000
        let secondsOfDay = Int(millis / 1000)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(day)T\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):"
            + "\(pad(secondsOfDay % 60, 2)).\(pad(Int(millis % 1000), 3))Z"
    }

    /// `duration` later, to the millisecond (anything finer is dropped): leases, back-off, session and challenge
    /// lifetimes.
    public func adding(_ duration: Duration) -> Timestamp {
        let (seconds, attoseconds) = duration.components
        return Timestamp(
            millisecondsSinceEpoch: millisecondsSinceEpoch + seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}

/// A calendar day (proleptic Gregorian), as KEV `dateAdded`/`dueDate` and NVD `cisaActionDue` write them.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.length(ofMonth: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, ignoring anything after the date (a time part).
    public init?(iso8601 text: some StringProtocol) {
        // Byte by byte: stores and feeds read days by the hundred thousand, and splitting strings costs ten times
        // as much.
        var fields = (year: 0, month: 0, day: 0)
        var position = 0
        for byte in text.utf8.prefix(10) {
            if position == 4 || position == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                switch position {
                case ..<4: fields.year = fields.year * 10 + digit
                case ..<7: fields.month = fields.month * 10 + digit
                default: fields.day = fields.day * 10 + digit
                }
            }
            position += 1
        }
        guard position == 10 else { return nil }
        self.init(year: fields.year, month: fields.month, day: fields.day)
    }

    /// Days since 1970-01-01 (civil-from-days, Howard Hinnant's algorithm).
    public init(daysSinceEpoch: Int) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    public var daysSinceEpoch: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    public var description: String {
        let month = self.month < 10 ? "0\(self.month)" : "\(self.month)"
        let day = self.day < 10 ? "0\(self.day)" : "\(self.day)"
        return "\(year)-\(month)-\(day)"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    static func length(ofMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : (value - divisor + 1) / divisor
}
