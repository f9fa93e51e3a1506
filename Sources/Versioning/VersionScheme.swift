/// How the first element of a version reads. Versions of different schemes are never ordered against each other,
/// because a vendor that moves from `10.2` to `2023.3` or writes `20230101` beside `5.1` gives no common scale.
enum VersionScheme: UInt8, Sendable {
    /// Nothing to compare: empty, only separators (`-`), or only an epoch.
    case empty
    /// An ordinary release such as `1.2.3`, `12.1(14)e7` or `v100r001`.
    case plain
    /// A version that starts with a word or a hash (`b.11.31`, `alpha_1`, a git commit): only comparable to
    /// versions led the same way.
    case named
    /// A first element that is a plausible year, 1990–2099 (`2023.3.0.23028`, `2016`).
    case year
    /// An ISO-like date, `20230101` or `2023-01-01`, stored as year, month, day.
    case date
    /// A date with the year last, `02-08-2013` or `12.06.2015`: day and month order is unknown.
    case dayMonthYear

    var name: String {
        switch self {
        case .empty: "no version content"
        case .plain: "a dotted release"
        case .named: "a version led by a word"
        case .year: "a year-based release"
        case .date: "a date"
        case .dayMonthYear: "a day/month/year date"
        }
    }
}
