/// Cell values as Excel shows them, where that does not depend on the viewer's locale: numbers in the General
/// format (at most 15 significant digits, so 10.199999999999999 reads 10.2), dates and times as ISO 8601
/// (Excel would show them in the viewer's short date format).
enum ExcelValue {
    /// A number as written in the sheet (`10.199999999999999`, `1.5E-3`, `42`) in the General format; text that
    /// is not a number is returned as it is.
    static func general(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if index < bytes.count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        // The value is the integer `digits` times 10^exponent.
        var digits: [UInt8] = []
        var exponent = 0
        var sawDigit = false
        var fraction = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(byte - UInt8(ascii: "0"))
                if fraction { exponent -= 1 }
                sawDigit = true
            } else if byte == UInt8(ascii: ".") && !fraction {
                fraction = true
            } else if (byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")) && sawDigit {
                guard let power = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self)) else { return text }
                exponent += power
                index = bytes.count
                break
            } else {
                return text
            }
            index += 1
        }
        guard sawDigit else { return text }
        while digits.first == 0 { digits.removeFirst() }
        guard !digits.isEmpty else { return "0" }
        if digits.count > 15 { round(&digits, &exponent) }
        while digits.count > 1, digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        let characters = digits.map { Character(Unicode.Scalar($0 + UInt8(ascii: "0"))) }
        let magnitude = digits.count + exponent
        var result = negative ? "-" : ""
        if magnitude > 15 || magnitude < -8 {
            result.append(characters[0])
            if characters.count > 1 { result += "." + String(characters[1...]) }
            let power = magnitude - 1
            result += (power < 0 ? "E-" : "E+") + String(format2: abs(power))
        } else if exponent >= 0 {
            result += String(characters) + String(repeating: "0", count: exponent)
        } else if magnitude > 0 {
            result += String(characters[..<magnitude]) + "." + String(characters[magnitude...])
        } else {
            result += "0." + String(repeating: "0", count: -magnitude) + String(characters)
        }
        return result
    }

    /// Rounds to the 15 significant digits Excel keeps, half up.
    private static func round(_ digits: inout [UInt8], _ exponent: inout Int) {
        let roundUp = digits[15] >= 5
        exponent += digits.count - 15
        digits.removeLast(digits.count - 15)
        guard roundUp else { return }
        var position = 14
        while position >= 0 && digits[position] == 9 {
            digits[position] = 0
            position -= 1
        }
        if position >= 0 {
            digits[position] += 1
        } else {
            digits.insert(1, at: 0)
            digits.removeLast()
            exponent += 1
        }
    }

    /// A date serial as ISO 8601: `2024-03-05`, with ` 14:30:00` when it has a time of day; a time-only
    /// format gives `14:30:00`.
    static func date(_ text: String, timeOnly: Bool, date1904: Bool) -> String {
        guard let serial = Double(text), serial >= 0, serial < 2_958_466 else { return general(text) }
        var days = Int(serial)
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let time =
            String(format2: seconds / 3_600) + ":" + String(format2: seconds / 60 % 60) + ":"
            + String(format2: seconds % 60)
        if timeOnly { return time }
        // Serial 1 is 1900-01-01 and, after Lotus 1-2-3, serial 60 is the non-existent 1900-02-29.
        let julian: Int
        if date1904 {
            julian = days + 2_416_481
        } else {
            if days == 60 { return "1900-02-29" + (seconds > 0 ? " " + time : "") }
            julian = days + (days < 60 ? 2_415_020 : 2_415_019)
        }
        let (year, month, day) = civil(fromJulianDay: julian)
        let date = "\(year)-\(String(format2: month))-\(String(format2: day))"
        return seconds > 0 ? date + " " + time : date
    }

    /// Proleptic Gregorian date of a Julian day number (Fliegel and Van Flandern).
    private static func civil(fromJulianDay julian: Int) -> (Int, Int, Int) {
        var l = julian + 68_569
        let n = 4 * l / 146_097
        l -= (146_097 * n + 3) / 4
        let i = 4_000 * (l + 1) / 1_461_001
        l = l - 1_461 * i / 4 + 31
        let j = 80 * l / 2_447
        let day = l - 2_447 * j / 80
        l = j / 11
        let month = j + 2 - 12 * l
        let year = 100 * (n - 49) + i + l
        return (year, month, day)
    }

    /// Built-in number formats that are dates (14–17, 22 and the East Asian 27–36, 50–58) or times (18–21,
    /// 45–47).
    static func builtInKind(_ id: Int) -> DateKind? {
        switch id {
        case 14...17, 22, 27...36, 50...58: return .date
        case 18...21, 45...47: return .time
        default: return nil
        }
    }

    enum DateKind {
        case date, time
    }

    /// Whether a custom format code shows a date or time: y, d or e (the ROC era year of `[$-404]e/m/d`, not
    /// the E of `0.00E+00`) outside quotes, brackets (`[Red]`, `[$-404]`) and escapes; else h or s.
    static func customKind(_ code: String) -> DateKind? {
        var quoted = false
        var bracketed = false
        var escaped = false
        var date = false
        var time = false
        let characters = Array(code.lowercased())
        for (index, character) in characters.enumerated() {
            if escaped {
                escaped = false
                continue
            }
            if quoted {
                quoted = character != "\""
                continue
            }
            if bracketed {
                bracketed = character != "]"
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": quoted = true
            case "[": bracketed = true
            case "y", "d": date = true
            case "e": if index + 1 >= characters.count || !"+-".contains(characters[index + 1]) { date = true }
            case "h", "s": time = true
            default: break
            }
        }
        return date ? .date : time ? .time : nil
    }
}

extension String {
    /// Two digits, zero-padded.
    fileprivate init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}
