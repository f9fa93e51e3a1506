import VulnModel

/// A monthly reporting period (VANS uploads are monthly), shown in both calendars (R1): ROC year + 1911 =
/// Gregorian year, so 民國115年10月 is 2026-10.
public struct ReportingMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let rocOffset = 1911

    /// Gregorian year.
    public let year: Int
    public let month: Int

    /// Nil unless `month` is 1–12 and the year is in the ROC era (1912 or later).
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), year > Self.rocOffset, year <= 9999 else { return nil }
        self.year = year
        self.month = month
    }

    public init?(rocYear: Int, month: Int) { self.init(year: rocYear + Self.rocOffset, month: month) }

    public init(containing day: Day) {
        year = day.year
        month = day.month
    }

    /// Reads `2026-10`, `2026/10`, `115-10`, `115/10`, `115年10月` and `民國115年10月`. A year of four digits
    /// is Gregorian and one of one to three digits is ROC: the ROC calendar reaches four digits only in 2911.
    public init(parsing text: String) throws(ReportingMonthError) {
        var scalars = Array(text.unicodeScalars)
        var offset = 0
        let era: [Unicode.Scalar] = ["民", "國"]
        if scalars.starts(with: era) {
            scalars.removeFirst(2)
            offset = 2
        }
        var yearDigits = 0
        var year = 0
        while yearDigits < scalars.count, let digit = Self.digit(scalars[yearDigits]) {
            year = year * 10 + digit
            yearDigits += 1
        }
        guard (1...4).contains(yearDigits) else {
            throw ReportingMonthError(input: text, offset: offset + yearDigits, reason: "expected a year of 1–4 digits")
        }
        let separatorIndex = yearDigits
        guard separatorIndex < scalars.count, ["-", "/", "年"].contains(scalars[separatorIndex]) else {
            throw ReportingMonthError(input: text, offset: offset + separatorIndex, reason: "expected -, / or 年")
        }
        let usesCharacters = scalars[separatorIndex] == "年"
        var index = separatorIndex + 1
        var month = 0
        let monthStart = index
        while index < scalars.count, let digit = Self.digit(scalars[index]), index - monthStart < 2 {
            month = month * 10 + digit
            index += 1
        }
        guard index > monthStart, (1...12).contains(month) else {
            throw ReportingMonthError(input: text, offset: offset + monthStart, reason: "expected a month 1–12")
        }
        if usesCharacters {
            guard index < scalars.count, scalars[index] == "月" else {
                throw ReportingMonthError(input: text, offset: offset + index, reason: "expected 月")
            }
            index += 1
        }
        guard index == scalars.count else {
            throw ReportingMonthError(input: text, offset: offset + index, reason: "unexpected trailing text")
        }
        let isGregorian = yearDigits == 4 && offset == 0
        guard
            let parsed = isGregorian
                ? ReportingMonth(year: year, month: month) : ReportingMonth(rocYear: year, month: month)
        else {
            throw ReportingMonthError(input: text, offset: offset, reason: "year out of range")
        }
        self = parsed
    }

    private static func digit(_ scalar: Unicode.Scalar) -> Int? {
        scalar.value >= 0x30 && scalar.value <= 0x39 ? Int(scalar.value - 0x30) : nil
    }

    public var rocYear: Int { year - Self.rocOffset }

    /// `2026-10`.
    public var gregorian: String { "\(year)-\(Self.twoDigits(month))" }
    /// `115-10`, the short ROC form agencies type (R1 round-trips it with `gregorian`).
    public var roc: String { "\(rocYear)-\(Self.twoDigits(month))" }
    /// `民國115年10月`.
    public var rocLabel: String { "民國\(rocYear)年\(month)月" }
    /// `115年10月 / 2026-10`, both calendars as DOMAIN.md §9 asks for display.
    public var bilingualLabel: String { "\(rocYear)年\(month)月 / \(gregorian)" }

    public var description: String { gregorian }

    public var firstDay: Day { Day(year: year, month: month, day: 1) ?? Day(daysSinceEpoch: 0) }
    public var lastDay: Day { next.firstDay.adding(days: -1) }

    public func contains(_ day: Day) -> Bool { day.year == year && day.month == month }

    public var next: ReportingMonth { adding(months: 1) }
    public var previous: ReportingMonth { adding(months: -1) }

    public func adding(months: Int) -> ReportingMonth {
        let index = year * 12 + (month - 1) + months
        return ReportingMonth(uncheckedYear: index / 12, month: index % 12 + 1)
    }

    /// Whole months from this month to `later` (negative when `later` is earlier): 2026-10 to 2027-01 is 3.
    public func monthsUntil(_ later: ReportingMonth) -> Int { (later.year - year) * 12 + later.month - month }

    /// The `count` months ending with this one, oldest first.
    public func window(of count: Int) -> [ReportingMonth] { (0..<max(0, count)).reversed().map { adding(months: -$0) } }

    private init(uncheckedYear: Int, month: Int) {
        year = uncheckedYear
        self.month = month
    }

    /// The day `dayOfMonth` of this month, clamped to its last day (day 31 of February is its last day).
    public func day(_ dayOfMonth: Int) -> Day {
        let clamped = min(max(dayOfMonth, 1), lastDay.day)
        return Day(year: year, month: month, day: clamped) ?? firstDay
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

public struct ReportingMonthError: Error, Hashable, Sendable, CustomStringConvertible {
    public var input: String
    /// Offset in Unicode scalars.
    public var offset: Int
    public var reason: String

    public init(input: String, offset: Int, reason: String) {
        self.input = input
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid reporting month \"\(input)\" at character \(offset): \(reason)" }
}
