/// Builds one attribute value in WFN form from the characters a binding decodes, enforcing the rules of
/// NISTIR 7695 §5.3.2 and NISTIR 7696 §5.2 on unquoted wildcards once for all three bindings: a single `*` or a
/// run of `?` may open a value, and a single `*` or a run of `?` may close it; nowhere else.
struct ValueBuilder {
    private enum Phase { case leading, body, trailing }

    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var phase = Phase.leading
    private var leadingAsterisk = false
    private var leadingMarks = false
    private var trailingAsterisk = false
    private var trailingStart = 0

    /// `buffer` must hold twice the input length: quoting at most doubles it.
    init(buffer: UnsafeMutablePointer<UInt8>) {
        self.buffer = buffer
    }

    /// Appends a letter, digit or `_`.
    @inline(__always) mutating func word(_ byte: UInt8) throws(ByteFault) {
        try enterBody()
        buffer[count] = byte
        count += 1
    }

    /// Appends `byte` quoted, i.e. as literal text.
    @inline(__always) mutating func quoted(_ byte: UInt8) throws(ByteFault) {
        try enterBody()
        buffer[count] = ASCII.backslash
        buffer[count + 1] = byte
        count += 2
    }

    /// Appends an unquoted `*` or `?`.
    mutating func wildcard(_ byte: UInt8, at offset: Int) throws(ByteFault) {
        let isAsterisk = byte == ASCII.asterisk
        switch phase {
        case .leading:
            if leadingAsterisk || (isAsterisk && leadingMarks) {
                throw ByteFault(.misplacedWildcard, at: offset, "a value may start with one '*' or with '?'s, not both")
            }
            if isAsterisk { leadingAsterisk = true } else { leadingMarks = true }
        case .body:
            phase = .trailing
            trailingStart = offset
            trailingAsterisk = isAsterisk
        case .trailing:
            if trailingAsterisk || isAsterisk {
                throw ByteFault(.misplacedWildcard, at: offset, "a value may end with one '*' or with '?'s, not both")
            }
        }
        buffer[count] = byte
        count += 1
    }

    @inline(__always) private mutating func enterBody() throws(ByteFault) {
        switch phase {
        case .body: return
        case .leading: phase = .body
        case .trailing:
            throw ByteFault(
                .misplacedWildcard, at: trailingStart,
                "unquoted wildcards may only stand at the start or end of a value")
        }
    }

    /// The finished value; `start` is where the value began, for errors about the value as a whole.
    func finish(at start: Int) throws(ByteFault) -> CPEValue {
        if phase == .leading {
            if count == 0 { throw ByteFault(.emptyValue, at: start, "empty value") }
            // "?" alone is allowed (NISTIR 7695 §5.3.2 rule 4); "*" alone is ANY, never a string.
            if leadingAsterisk {
                throw ByteFault(.misplacedWildcard, at: start, "a value cannot consist of '*' alone")
            }
        }
        if count == 2 && buffer[0] == ASCII.backslash && buffer[1] == ASCII.hyphen {
            throw ByteFault(.illegalCharacter, at: start, "a quoted hyphen alone is not a value (it would read as NA)")
        }
        return .value(String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self))
    }
}

extension ValueBuilder {
    /// Runs `body` with a builder whose scratch space fits a value decoded from `length` input bytes.
    static func withScratch<R>(
        length: Int,
        _ body: (UnsafeMutablePointer<UInt8>) throws(ByteFault) -> R
    ) throws(ByteFault) -> R {
        let outcome: Result<R, ByteFault> = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * length + 2) {
            scratch in
            guard let base = scratch.baseAddress else {
                return .failure(ByteFault(.malformed, at: 0, "no scratch memory"))
            }
            return Result { () throws(ByteFault) in try body(base) }
        }
        return try outcome.get()
    }
}
