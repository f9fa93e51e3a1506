/// What the next value is, judged from its first byte.
public enum JSONValueKind: Hashable, Sendable {
    case object, array, string, number, bool, null
}

/// A pull parser over UTF-8 bytes (RFC 8259). The caller walks the document in order: `beginObject` then
/// `nextKey` until nil, `beginArray` then `nextElement` until false, scalar reads, `skipValue` for anything
/// it does not need. Keys are byte views into the buffer, so recognising a key allocates nothing.
///
/// The reader borrows the buffer: it is only valid inside the `withUnsafeBufferPointer` that made it.
/// Offsets are absolute in that buffer, also when the reader is limited to a range (one JSON Lines line).
public struct JSONReader {
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let end: Int
    /// Byte offset of the next unread byte.
    public internal(set) var offset: Int
    /// Set by `beginObject`/`beginArray`, cleared by the first `nextKey`/`nextElement`, so that a comma is
    /// required between members and refused before the first one.
    @usableFromInline var atContainerStart = false

    /// A reader over `range` of `buffer` (the whole buffer when nil).
    public init(_ buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil) {
        // An empty buffer may have no base address; any valid pointer does, as nothing is ever read from it.
        base = buffer.baseAddress.map { UnsafePointer($0) } ?? ("" as StaticString).utf8Start
        let range = range ?? 0..<buffer.count
        offset = range.lowerBound
        end = range.upperBound
    }

    /// Runs `body` with a reader over `bytes` (the reader must not escape it).
    public static func read<Result>(
        _ bytes: [UInt8],
        _ body: (inout JSONReader) throws(JSONError) -> Result
    ) throws(JSONError) -> Result {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONError) in
            var reader = JSONReader(buffer)
            return try body(&reader)
        }
    }

    /// True when only whitespace remains.
    public mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return offset >= end
    }

    // MARK: - Structure

    /// The kind of the next value, without consuming it.
    public mutating func peekKind() throws(JSONError) -> JSONValueKind {
        skipWhitespace()
        guard offset < end else { throw error("a value") }
        switch base[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw error("a value")
        }
    }

    public mutating func beginObject() throws(JSONError) {
        try consume(UInt8(ascii: "{"), "'{'")
        atContainerStart = true
    }

    /// The next key of the current object (its `:` consumed), or nil after consuming the closing `}`.
    public mutating func nextKey() throws(JSONError) -> JSONText? {
        skipWhitespace()
        guard offset < end else { throw error("'\"' or '}'") }
        if base[offset] == UInt8(ascii: "}") {
            offset += 1
            atContainerStart = false
            return nil
        }
        if atContainerStart {
            atContainerStart = false
        } else {
            guard base[offset] == UInt8(ascii: ",") else { throw error("',' or '}'") }
            offset += 1
            skipWhitespace()
        }
        guard offset < end, base[offset] == UInt8(ascii: "\"") else { throw error("a key string") }
        let (start, count, escaped) = try scanString()
        skipWhitespace()
        try consume(UInt8(ascii: ":"), "':'")
        return JSONText(bytes: UnsafeBufferPointer(start: base + start, count: count), hasEscapes: escaped)
    }

    public mutating func beginArray() throws(JSONError) {
        try consume(UInt8(ascii: "["), "'['")
        atContainerStart = true
    }

    /// True when another element follows (its comma consumed); false after consuming the closing `]`.
    public mutating func nextElement() throws(JSONError) -> Bool {
        skipWhitespace()
        guard offset < end else { throw error("a value or ']'") }
        if base[offset] == UInt8(ascii: "]") {
            offset += 1
            atContainerStart = false
            return false
        }
        if atContainerStart {
            atContainerStart = false
            return true
        }
        guard base[offset] == UInt8(ascii: ",") else { throw error("',' or ']'") }
        offset += 1
        return true
    }

    /// Consumes `null` and returns true when the next value is null; otherwise consumes nothing.
    public mutating func consumeNull() throws(JSONError) -> Bool {
        skipWhitespace()
        guard offset < end, base[offset] == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Skips one complete value of any kind, checking its syntax.
    public mutating func skipValue() throws(JSONError) {
        switch try peekKind() {
        case .object:
            try beginObject()
            while try nextKey() != nil { try skipValue() }
        case .array:
            try beginArray()
            while try nextElement() { try skipValue() }
        case .string: _ = try scanString()
        case .number: _ = try scanNumber()
        case .bool: _ = try readBool()
        case .null: try literal("null")
        }
    }

    // MARK: - Scalars

    public mutating func readBool() throws(JSONError) -> Bool {
        skipWhitespace()
        if offset < end, base[offset] == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        guard offset < end, base[offset] == UInt8(ascii: "f") else { throw error("true or false") }
        try literal("false")
        return false
    }

    // MARK: - Internals shared with the extensions

    @inline(__always) @usableFromInline
    mutating func skipWhitespace() {
        while offset < end {
            let byte = base[offset]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            offset += 1
        }
    }

    @inline(__always)
    mutating func consume(_ byte: UInt8, _ expected: String) throws(JSONError) {
        skipWhitespace()
        guard offset < end, base[offset] == byte else { throw error(expected) }
        offset += 1
    }

    mutating func literal(_ word: StaticString) throws(JSONError) {
        let count = word.utf8CodeUnitCount
        guard end - offset >= count else { throw error("'\(word)'") }
        let text = word.utf8Start
        for index in 0..<count where base[offset + index] != text[index] {
            offset += index
            throw error("'\(word)'")
        }
        offset += count
    }

    func error(_ expected: String) -> JSONError { JSONError(offset: offset, expected: expected) }
}
