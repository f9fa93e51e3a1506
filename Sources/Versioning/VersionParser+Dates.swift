/// Dates get their own schemes (see `VersionScheme`) because their numbers are not a release: `20230101` must not
/// read as twenty million, and `02-08-2013` must not put the day first.
extension VersionParser {
    /// Reads a leading date into year, month and day tokens and says which date scheme it was, if any.
    mutating func readDate(from start: inout Int) -> VersionScheme? {
        let run = digitRun(from: start)
        if run == 8, let date = validDate(year: start, month: start + 4, day: start + 6) {
            appendDate(date)
            start += 8
            return .date
        }
        if run == 4, start + 10 <= end, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            digitRun(from: start + 5) == 2, digitRun(from: start + 8) == 2,
            start + 10 == end || !Self.isDigit(bytes[start + 10]),
            let date = validDate(year: start, month: start + 5, day: start + 8)
        {
            appendDate(date)
            start += 10
            return .date
        }
        return readDayMonthYear(from: &start)
    }

    /// `02-08-2013`, `12.06.2015`: the whole version is a date with the year last.
    private mutating func readDayMonthYear(from start: inout Int) -> VersionScheme? {
        let firstRun = digitRun(from: start)
        guard (1...2).contains(firstRun), start + firstRun < end else { return nil }
        let separator = bytes[start + firstRun]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "/")
        else { return nil }
        let second = start + firstRun + 1
        let secondRun = digitRun(from: second)
        let third = second + secondRun + 1
        guard (1...2).contains(secondRun), third + 4 == end, bytes[third - 1] == separator,
            digitRun(from: third) == 4
        else { return nil }
        let first = number(start, firstRun)
        let middle = number(second, secondRun)
        let year = number(third, 4)
        guard (1900...2099).contains(year), (1...31).contains(first), (1...31).contains(middle),
            first <= 12 || middle <= 12
        else { return nil }
        appendNumber(year, digits: 4)
        appendNumber(first, digits: 2)
        appendNumber(middle, digits: 2)
        start = end
        return .dayMonthYear
    }

    private func validDate(year: Int, month: Int, day: Int) -> (UInt64, UInt64, UInt64)? {
        let date = (number(year, 4), number(month, 2), number(day, 2))
        guard (1900...2099).contains(date.0), (1...12).contains(date.1), (1...31).contains(date.2) else { return nil }
        return date
    }

    private mutating func appendDate(_ date: (UInt64, UInt64, UInt64)) {
        appendNumber(date.0, digits: 4)
        appendNumber(date.1, digits: 2)
        appendNumber(date.2, digits: 2)
    }
}
