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

    let bytes: [UInt8]
    let end: Int
    private var tokens: [VersionToken] = []
    private var revision = 0
    private var inQualifier = false
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
        skipPrefix(bytes, start: &start, end: end)

        var parser = VersionParser(bytes: bytes, end: end)
        let dated = parser.readDate(from: &start)
        parser.tokenize(from: start)
        var tokens = parser.tokens
        // Cisco writes `009.016(001.025)` for 9.16(1.25): when even the major is zero-padded the padding is a fixed
        // width, not a decimal fraction, so the leading zeros are forgotten.
        if let lead = tokens.first, lead.kind == .number, lead.hasLeadingZero {
            tokens = tokens.map { $0.kind == .number ? $0.withoutPadding : $0 }
        }
        return Result(tokens: tokens, epoch: epoch, scheme: dated ?? scheme(of: tokens))
    }

    private static func scheme(of tokens: [VersionToken]) -> VersionScheme {
        guard let lead = tokens.first else { return .empty }
        guard lead.kind == .number else { return .named }
        return lead.digitCount == 4 && (1990...2099).contains(lead.numberValue) ? .year : .plain
    }

    /// `v1.2`, `version 1.2`, `firmware_1.4.0.1048`, `release_2004-07-04`: words that only announce the version.
    private static func skipPrefix(_ bytes: [UInt8], start: inout Int, end: Int) {
        for prefix in prefixes where end - start > prefix.count {
            guard bytes[start..<(start + prefix.count)].elementsEqual(prefix) else { continue }
            var next = start + prefix.count
            while next < end, !isDigit(bytes[next]), !isWordByte(bytes[next]) { next += 1 }
            // `v` must touch its number; the words need a separator, so `versions2` or `release7b` stay words.
            let separated = next > start + prefix.count
            if next < end, isDigit(bytes[next]), separated == (prefix.count > 1) {
                start = next
                return
            }
        }
    }

    private static let prefixes = ["version", "firmware", "release", "v"].map { Array($0.utf8) }

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
                startRevisionIfNeeded(separators)
                append(.hex, VersionVocabulary.hashed(bytes[index..<chunkEnd]))
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
        if separators.tilde && sawNumber { append(.preRelease, PreRelease.tilde.rawValue) }
    }

    /// Appends with the level of the current revision and part; the first token that is not a number moves the
    /// revision into its qualifier part.
    private mutating func append(_ kind: VersionToken.Kind, _ payload: UInt64) {
        if kind != .number && kind != .wildcard { inQualifier = true }
        tokens.append(VersionToken(kind: kind, level: revision * 2 + (inQualifier ? 1 : 0), payload: payload))
    }

    mutating func appendNumber(_ value: UInt64, digits: Int) {
        append(.number, value << 6 | UInt64(digits))
        sawNumber = true
    }

    /// A hyphen before a number that follows a number opens a new revision (`2.3-4`: upstream 2.3, revision 4),
    /// so the whole upstream part is compared before any revision, as Debian and RPM do.
    private mutating func startRevisionIfNeeded(_ separators: Separators) {
        guard separators.hyphen, tokens.last?.kind == .number, revision * 2 + 1 < VersionToken.maxLevel else { return }
        revision += 1
        inQualifier = false
    }

    private mutating func appendNumber(_ range: Range<Int>, _ separators: Separators) {
        let followsNumber = tokens.last?.kind == .number
        startRevisionIfNeeded(separators)
        if separators.tilde { append(.preRelease, PreRelease.tilde.rawValue) }
        // Java's `1.8.0_381` is update 381, the same as the CPE form `1.8.0:update_381` and `1.8.0u381`.
        if separators.isSingleUnderscore && followsNumber { append(.postRelease, PostRelease.update.rawValue) }
        var significant = range.lowerBound
        while significant < range.upperBound - 1, bytes[significant] == UInt8(ascii: "0") { significant += 1 }
        if range.upperBound - significant > VersionToken.maxDigits || range.count > 19 {
            append(.bigNumber, VersionVocabulary.hashed(bytes[significant..<range.upperBound]))
            sawNumber = true
        } else {
            appendNumber(number(range.lowerBound, range.count), digits: range.count)
        }
    }

    private mutating func appendWord(_ range: Range<Int>, _ separators: Separators, glued: Bool) {
        let letters = bytes[range]
        let packed = VersionVocabulary.pack(letters)
        var kind = VersionToken.Kind.word
        var payload = packed ?? VersionVocabulary.hashed(letters)
        let digitAfter = range.upperBound < end && Self.isDigit(bytes[range.upperBound])
        // Only a separate `x` is a wildcard; glued to a number it is a letter release (OpenSSL `1.1.1x`).
        if sawNumber, !inQualifier, !glued, !digitAfter, letters.count == 1,
            letters.first == UInt8(ascii: "x") || letters.first == UInt8(ascii: "*")
        {
            append(.wildcard, 0)
            return
        }
        // A marker needs a release to qualify; a leading `alpha_1` or `b.11.31` is a name, not a pre-release.
        if sawNumber, let packed {
            switch classify(letters, packed: packed, digitAfter: digitAfter) {
            case .pre(let rank)?:
                (kind, payload) = (.preRelease, rank.rawValue)
            case .post(let post)?:
                (kind, payload) = (.postRelease, post.rawValue)
            case .release?:
                if releaseWordIsNoise(after: range.upperBound) { return }
            case nil:
                if glued && !digitAfter && Self.isLetterRelease(letters) { kind = .letters }
            }
        }
        if separators.tilde && sawNumber && kind != .preRelease { append(.preRelease, PreRelease.tilde.rawValue) }
        append(kind, payload)
    }

    /// Single letters mean something only beside a number. `a`, `b`, `c` with a number are alpha, beta and
    /// candidate (PEP 440 `1.0b2`, Zope `2.8.0-b1`) only where the qualifier starts, so a Java build `_381-b09` stays
    /// opaque; `p1`, `u381`, `r2` are patch, update and revision anywhere. Without a number a glued letter is an
    /// OpenSSL-style letter release (`1.0.2k`), decided by the caller.
    private func classify(_ letters: ArraySlice<UInt8>, packed: UInt64, digitAfter: Bool) -> VersionVocabulary.Marker? {
        guard letters.count == 1, let letter = letters.first else {
            return VersionVocabulary.marker(forPacked: packed)
        }
        guard digitAfter else { return nil }
        switch letter {
        case UInt8(ascii: "a") where !inQualifier: return .pre(.alpha)
        case UInt8(ascii: "b") where !inQualifier: return .pre(.beta)
        case UInt8(ascii: "c") where !inQualifier: return .pre(.candidate)
        case UInt8(ascii: "p"): return .post(.patch)
        case UInt8(ascii: "u"): return .post(.update)
        case UInt8(ascii: "r"): return .post(.revision)
        default: return nil
        }
    }

    /// One letter, or OpenSSL's continuation past `z` (`za` … `zh`, then `zza`): other glued words such as Cisco's
    /// `12.4xk` are trains, not releases in a row.
    private static func isLetterRelease(_ letters: ArraySlice<UInt8>) -> Bool {
        letters.dropLast().allSatisfy { $0 == UInt8(ascii: "z") }
    }

    /// `1.0.final`, `4.0.2.ga_cp04`: a release word says nothing when it ends the version or precedes another
    /// word; followed by a number (`1.0_release_17`) it is kept as an opaque word.
    private func releaseWordIsNoise(after index: Int) -> Bool {
        var next = index
        while next < end, !Self.isDigit(bytes[next]), !Self.isWordByte(bytes[next]) { next += 1 }
        return next == end || Self.isWordByte(bytes[next])
    }

    // MARK: Bytes

    /// Git hashes and similar ids (`37e1c6afe023`): seven or more hex digits with at least two letters and a digit
    /// after a letter, so that a dated build (`8.60.231116a`, `-b20190902`) is not mistaken for one.
    private func isHexHash(_ range: Range<Int>) -> Bool {
        guard range.count >= 7 else { return false }
        var letters = 0
        var digitAfterLetter = false
        for byte in bytes[range] {
            if Self.isDigit(byte) {
                digitAfterLetter = digitAfterLetter || letters > 0
            } else if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f") {
                letters += 1
            } else {
                return false
            }
        }
        return digitAfterLetter && letters >= 2
    }

    func digitRun(from start: Int) -> Int {
        var index = start
        while index < end, Self.isDigit(bytes[index]) { index += 1 }
        return index - start
    }

    func number(_ start: Int, _ count: Int) -> UInt64 {
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
