/// Reads the text of a version once into tokens; see `Version` for the rules this implements.
struct VersionParser {
    struct Result {
        var tokens: [VersionToken]
        var epoch: UInt64?
        var scheme: VersionScheme
    }

    /// Separators seen since the last token; only `-`, `_` and `~` carry meaning.
    private struct Separators {
        var count = 0
        var hyphen = false
        var underscore = false
        var tilde = false

        mutating func add(_ byte: UInt8) {
            count += 1
            if byte == UInt8(ascii: "-") { hyphen = true }
            if byte == UInt8(ascii: "_") { underscore = true }
            if byte == UInt8(ascii: "~") { tilde = true }
        }

        var isSingleUnderscore: Bool { count == 1 && underscore }
    }

    private let bytes: [UInt8]
    private let end: Int
    private var tokens: [VersionToken] = []
    private var level = 0
    private var sawNumber = false

    private init(bytes: [UInt8], end: Int) {
        self.bytes = bytes
        self.end = end
    }

    static func parse(_ raw: String) -> Result {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        // CPE escapes (`12.1\(14\)e7`) are dropped so a bound copied from a CPE equals the plain inventory text.
        for byte in raw.utf8 where byte != UInt8(ascii: "\\") {
            bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
        }
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] <= UInt8(ascii: " ") { start += 1 }
        while end > start, bytes[end - 1] <= UInt8(ascii: " ") { end -= 1 }
        let epoch = readEpoch(bytes, start: &start, end: end)
        if end - start >= 2, bytes[start] == UInt8(ascii: "v"), isDigit(bytes[start + 1]) { start += 1 }

        var parser = VersionParser(bytes: bytes, end: end)
        let dated = parser.readDate(from: &start)
        parser.tokenize(from: start)
        let scheme: VersionScheme
        if parser.tokens.isEmpty {
            scheme = .empty
        } else if let dated {
            scheme = dated
        } else {
            let lead = parser.tokens[0]
            let isYear = lead.kind == .number && lead.digitCount == 4 && (1990...2099).contains(lead.numberValue)
            scheme = isYear ? .year : .plain
        }
        return Result(tokens: parser.strippedZeros(), epoch: epoch, scheme: scheme)
    }

    /// Drops zeros that end a run of numbers, so `1.0.0-rc1` reads as `1-rc1` and `5.5.0_enterprise` as
    /// `5.5_enterprise`: a marker then meets the marker of the other side instead of a padding zero. The first
    /// element stays, since it decides the scheme.
    private func strippedZeros() -> [VersionToken] {
        var kept: [VersionToken] = []
        kept.reserveCapacity(tokens.count)
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            guard index > 0, token.kind == .number, token.numberValue == 0 else {
                kept.append(token)
                index += 1
                continue
            }
            var next = index
            while next < tokens.count, tokens[next].kind == .number, tokens[next].numberValue == 0,
                tokens[next].level == token.level
            {
                next += 1
            }
            let continues = next < tokens.count && tokens[next].kind == .number && tokens[next].level == token.level
            if continues { kept.append(contentsOf: tokens[index..<next]) }
            index = next
        }
        return kept
    }

    /// Debian `1:2.3-4`. Only digits before the first colon make an epoch; `1.8.0:update_381` is a version
    /// followed by its CPE update field.
    private static func readEpoch(_ bytes: [UInt8], start: inout Int, end: Int) -> UInt64? {
        var index = start
        var value: UInt64 = 0
        while index < end, index - start < 9, isDigit(bytes[index]) {
            value = value * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard index > start, index + 1 < end, bytes[index] == UInt8(ascii: ":") else { return nil }
        start = index + 1
        return value
    }

    // MARK: Dates

    private mutating func readDate(from start: inout Int) -> VersionScheme? {
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
        tokens.append(.number(year, digits: 4, level: 0))
        tokens.append(.number(first, digits: 2, level: 0))
        tokens.append(.number(middle, digits: 2, level: 0))
        sawNumber = true
        start = end
        return .dayMonthYear
    }

    private func validDate(year: Int, month: Int, day: Int) -> (UInt64, UInt64, UInt64)? {
        let date = (number(year, 4), number(month, 2), number(day, 2))
        guard (1900...2099).contains(date.0), (1...12).contains(date.1), (1...31).contains(date.2) else { return nil }
        return date
    }

    private mutating func appendDate(_ date: (UInt64, UInt64, UInt64)) {
        tokens.append(.number(date.0, digits: 4, level: 0))
        tokens.append(.number(date.1, digits: 2, level: 0))
        tokens.append(.number(date.2, digits: 2, level: 0))
        sawNumber = true
    }

    // MARK: Tokens

    private mutating func tokenize(from start: Int) {
        var index = start
        var separators = Separators()
        while index < end {
            guard Self.isWordByte(bytes[index]) || Self.isDigit(bytes[index]) else {
                separators.add(bytes[index])
                index += 1
                continue
            }
            var chunkEnd = index
            while chunkEnd < end, Self.isWordByte(bytes[chunkEnd]) || Self.isDigit(bytes[chunkEnd]) { chunkEnd += 1 }
            if isHexHash(index..<chunkEnd) {
                startLevelIfNeeded(separators)
                append(
                    VersionToken(kind: .hex, level: level, payload: VersionVocabulary.hashed(bytes[index..<chunkEnd])))
                separators = Separators()
                index = chunkEnd
                continue
            }
            let chunkStart = index
            while index < chunkEnd {
                var runEnd = index + 1
                let digits = Self.isDigit(bytes[index])
                while runEnd < chunkEnd, Self.isDigit(bytes[runEnd]) == digits { runEnd += 1 }
                if digits {
                    appendNumber(index..<runEnd, separators)
                } else {
                    appendWord(index..<runEnd, separators, glued: index > chunkStart)
                }
                separators = Separators()
                index = runEnd
            }
        }
        if separators.tilde && sawNumber { append(VersionToken(kind: .preRelease, level: level, payload: 0)) }
    }

    /// A hyphen before a number that follows a number opens a new level (`2.3-4`: upstream 2.3, revision 4), so
    /// the whole upstream part is compared before any revision, as Debian and RPM do.
    private mutating func startLevelIfNeeded(_ separators: Separators) {
        if separators.hyphen, tokens.last?.kind == .number, level < VersionToken.maxLevel { level += 1 }
    }

    private mutating func appendNumber(_ range: Range<Int>, _ separators: Separators) {
        let followsNumber = tokens.last?.kind == .number
        startLevelIfNeeded(separators)
        if separators.tilde { append(VersionToken(kind: .preRelease, level: level, payload: 0)) }
        // Java's `1.8.0_381` is update 381, the same as the CPE form `1.8.0:update_381` and `1.8.0u381`.
        if separators.isSingleUnderscore && followsNumber {
            append(VersionToken(kind: .postRelease, level: level, payload: PostRelease.update.rawValue))
        }
        var significant = range.lowerBound
        while significant < range.upperBound - 1, bytes[significant] == UInt8(ascii: "0") { significant += 1 }
        if range.upperBound - significant > VersionToken.maxDigits || range.count > 19 {
            append(
                VersionToken(
                    kind: .bigNumber, level: level,
                    payload: VersionVocabulary.hashed(bytes[significant..<range.upperBound])))
        } else {
            append(.number(number(range.lowerBound, range.count), digits: range.count, level: level))
        }
        sawNumber = true
    }

    private mutating func appendWord(_ range: Range<Int>, _ separators: Separators, glued: Bool) {
        let letters = bytes[range]
        let packed = VersionVocabulary.pack(letters)
        let digitAfter = range.upperBound < end && Self.isDigit(bytes[range.upperBound])
        var token = VersionToken(kind: .word, level: level, payload: packed ?? VersionVocabulary.hashed(letters))
        // A marker needs a release to qualify; a leading `alpha_1` or `b.11.31` is a name, not a pre-release.
        if sawNumber, let packed {
            switch classify(letters, packed: packed, glued: glued, digitAfter: digitAfter) {
            case .pre(let rank)?:
                token = VersionToken(kind: .preRelease, level: level, payload: rank.rawValue)
            case .post(let kind)?:
                token = VersionToken(kind: .postRelease, level: level, payload: kind.rawValue)
            case .release?:
                if !hasContent(after: range.upperBound) { return }
            case nil:
                if glued && !digitAfter && letters.count <= 2 {
                    token = VersionToken(kind: .letters, level: level, payload: packed)
                }
            }
        }
        if separators.tilde && sawNumber && token.kind != .preRelease {
            append(VersionToken(kind: .preRelease, level: level, payload: 0))
        }
        append(token)
    }

    /// Single letters mean something only beside a number: `1.0b2` is beta 2 (PEP 440) while `-b09` is a Java
    /// build and `1.0.2k` an OpenSSL letter release; `p1`, `u381`, `r2` are patch, update and revision.
    private func classify(_ letters: ArraySlice<UInt8>, packed: UInt64, glued: Bool, digitAfter: Bool)
        -> VersionVocabulary.Marker?
    {
        guard letters.count == 1, let letter = letters.first else {
            return VersionVocabulary.marker(forPacked: packed)
        }
        guard digitAfter else { return nil }
        switch letter {
        case UInt8(ascii: "a") where glued: return .pre(.alpha)
        case UInt8(ascii: "b") where glued: return .pre(.beta)
        case UInt8(ascii: "p"): return .post(.patch)
        case UInt8(ascii: "u"): return .post(.update)
        case UInt8(ascii: "r"): return .post(.revision)
        default: return nil
        }
    }

    private mutating func append(_ token: VersionToken) { tokens.append(token) }

    // MARK: Bytes

    private func hasContent(after index: Int) -> Bool {
        bytes[index..<end].contains { Self.isDigit($0) || Self.isWordByte($0) }
    }

    /// Git hashes and similar ids (`37e1c6afe023`): seven or more hex digits mixing letters and digits.
    private func isHexHash(_ range: Range<Int>) -> Bool {
        guard range.count >= 7 else { return false }
        var letters = false
        var digits = false
        for byte in bytes[range] {
            if Self.isDigit(byte) {
                digits = true
            } else if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f") {
                letters = true
            } else {
                return false
            }
        }
        return letters && digits
    }

    private func digitRun(from start: Int) -> Int {
        var index = start
        while index < end, Self.isDigit(bytes[index]) { index += 1 }
        return index - start
    }

    private func number(_ start: Int, _ count: Int) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes[start..<(start + count)] { value = value &* 10 &+ UInt64(byte - UInt8(ascii: "0")) }
        return value
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Letters, and anything that is neither ASCII punctuation nor space (non-ASCII text, `*`, `?`), which makes
    /// an opaque word rather than a separator so that `*` or `版` never vanish from a comparison.
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte >= 0x80 || byte == UInt8(ascii: "*")
            || byte == UInt8(ascii: "?")
    }
}
