/// A pull tokenizer for XML 1.0 over UTF-8 bytes, for data files: start tags with attributes, end tags, text
/// with the five predefined entities and numeric character references resolved, and CDATA. Comments,
/// processing instructions (the XML declaration included) and whitespace outside the root element are
/// skipped. A document type declaration is refused, so no entity can ever be defined: entity expansion
/// ("billion laughs") and external entities (XXE) are impossible by construction, not by configuration.
/// Nesting depth, names, attribute counts and token lengths are bounded by `XMLLimits`.
///
/// Whole documents: `XMLTokenizer(bytes)`, then `next()` until nil. Streaming: `append(_:)` chunks as they
/// arrive and call `next()` until nil (nil then means "give me more"), and `finish()` after the last chunk;
/// nil after `finish()` is the end of the document. The tokenizer keeps only the unread bytes, at most one
/// token (`maxTokenLength`) beyond the chunk last appended. Input is UTF-8 whatever the XML declaration says;
/// transcode other encodings first. The first error is sticky: later calls throw it again.
public struct XMLTokenizer {
    public let limits: XMLLimits
    var buffer: [UInt8] = []
    /// Index in `buffer` of the next unread byte.
    var position = 0
    /// Offset in the whole input of `buffer[0]`.
    var base = 0
    var finished = false
    var open: [String] = []
    var rootSeen = false
    /// The end of an empty-element tag, reported by the next call.
    var pendingEnd: String?
    /// Offset in the whole input where the search for the end of an unfinished text run, comment, CDATA
    /// section or processing instruction resumes, so that a long one is not rescanned for every chunk.
    var resumeAt: Int?
    var failure: XMLError?
    /// Offset in the whole input where the token last returned starts.
    public internal(set) var tokenOffset = 0

    public init(limits: XMLLimits = XMLLimits()) {
        self.limits = limits
    }

    /// A tokenizer over a whole document.
    public init(_ bytes: [UInt8], limits: XMLLimits = XMLLimits()) {
        self.limits = limits
        buffer = bytes
        finished = true
    }

    /// The number of elements open after the token last returned.
    public var depth: Int { open.count }

    /// Offset in the whole input of the next unread byte.
    public var offset: Int { base + position }

    /// True once `finish()` was called and every token has been returned.
    public var isAtEnd: Bool { finished && failure == nil && pendingEnd == nil && position >= buffer.count }

    /// Adds the next chunk of input.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Adds the next chunk of input.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "append after finish")
        // Drop what has been read once it is most of the buffer, so memory stays near one chunk plus one token.
        if position >= 1 << 16 && position * 2 >= buffer.count {
            buffer.removeSubrange(0..<position)
            base += position
            position = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Says that no more input follows.
    public mutating func finish() {
        finished = true
    }

    /// The next token; nil when more input is needed (before `finish()`) or the document has ended (after).
    public mutating func next() throws(XMLError) -> XMLToken? {
        if let failure { throw failure }
        do {
            return try advance()
        } catch {
            failure = error
            throw error
        }
    }

    enum Step {
        case token(XMLToken)
        case skipped
        case needMore
    }

    private mutating func advance() throws(XMLError) -> XMLToken? {
        if let name = pendingEnd {
            pendingEnd = nil
            open.removeLast()
            return .end(name: name)
        }
        while true {
            guard position < buffer.count else {
                guard finished else { return nil }
                if let name = open.last {
                    throw XMLError(kind: .truncated, offset: offset, reason: "input ends with <\(name)> still open")
                }
                guard rootSeen else { throw XMLError(kind: .malformed, offset: offset, reason: "no root element") }
                return nil
            }
            // A local reference, so that reading the bytes does not overlap the mutations of `self` below.
            let bytes = buffer
            let step = try bytes.withUnsafeBufferPointer { pointer throws(XMLError) in try self.step(pointer) }
            switch step {
            case .token(let token): return token
            case .skipped: continue
            case .needMore: return nil
            }
        }
    }

    private mutating func step(_ bytes: UnsafeBufferPointer<UInt8>) throws(XMLError) -> Step {
        let start = position
        tokenOffset = base + start
        if tokenOffset == 0, let step = try byteOrderMark(bytes) { return step }
        guard bytes[start] == UInt8(ascii: "<") else { return try text(bytes) }
        guard start + 1 < bytes.count else { return try incomplete(bytes) }
        switch bytes[start + 1] {
        case UInt8(ascii: "/"): return try endTag(bytes)
        case UInt8(ascii: "?"): return try skip(bytes, opener: 2, until: "?>")
        case UInt8(ascii: "!"): return try declaration(bytes)
        default: return try startTag(bytes)
        }
    }

    private mutating func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) throws(XMLError) -> Step? {
        switch bytes[0] {
        case 0xEF:
            guard bytes.count >= 3 else { return finished ? nil : .needMore }
            guard bytes[1] == 0xBB && bytes[2] == 0xBF else { return nil }
            position = 3
            return .skipped
        case 0xFE, 0xFF:
            throw XMLError(kind: .malformed, offset: 0, reason: "UTF-16 input; transcode it to UTF-8 first")
        default: return nil
        }
    }

    /// `<!--`, `<![CDATA[`, or a refused declaration.
    private mutating func declaration(_ bytes: UnsafeBufferPointer<UInt8>) throws(XMLError) -> Step {
        let start = position
        switch Self.match(bytes, at: start, "<!--") {
        case .some(true): return try skip(bytes, opener: 4, until: "-->")
        case nil: return try incomplete(bytes)
        case .some(false): break
        }
        switch Self.match(bytes, at: start, "<![CDATA[") {
        case .some(true): return try cdata(bytes)
        case nil: return try incomplete(bytes)
        case .some(false): break
        }
        switch Self.match(bytes, at: start, "<!DOCTYPE", caseInsensitive: true) {
        case .some(true):
            throw XMLError(
                kind: .doctypeRefused, offset: tokenOffset,
                reason: "document type declarations are refused (no DTD, entity or external reference is read)")
        case nil: return try incomplete(bytes)
        case .some(false):
            throw XMLError(
                kind: .malformed, offset: tokenOffset, reason: "markup declaration outside a document type")
        }
    }

    /// Skips a comment or processing instruction.
    private mutating func skip(
        _ bytes: UnsafeBufferPointer<UInt8>, opener: Int, until terminator: StaticString
    ) throws(XMLError) -> Step {
        guard let end = try find(terminator, in: bytes, from: position + opener) else { return try incomplete(bytes) }
        position = end + terminator.utf8CodeUnitCount
        return .skipped
    }

    private mutating func cdata(_ bytes: UnsafeBufferPointer<UInt8>) throws(XMLError) -> Step {
        guard !open.isEmpty else {
            throw XMLError(kind: .malformed, offset: tokenOffset, reason: "CDATA section outside the root element")
        }
        let contentStart = position + 9
        guard let end = try find("]]>", in: bytes, from: contentStart) else { return try incomplete(bytes) }
        position = end + 3
        return .token(.text(Self.decode(bytes, contentStart..<end, resolvingReferences: false)))
    }

    private mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(XMLError) -> Step {
        let start = position
        var index = max(start, (resumeAt ?? 0) - base)
        while index < bytes.count && bytes[index] != UInt8(ascii: "<") { index += 1 }
        if index == bytes.count && !finished {
            try checkLength(index - start)
            resumeAt = base + index
            return .needMore
        }
        resumeAt = nil
        try checkLength(index - start)
        position = index
        guard !open.isEmpty else {
            for offset in start..<index where !Self.isWhitespace(bytes[offset]) {
                throw XMLError(
                    kind: .malformed, offset: base + offset, reason: "text outside the root element")
            }
            return .skipped
        }
        return .token(.text(try decode(bytes, start..<index, attribute: false)))
    }

    /// Finds `terminator` at or after `from`; nil when it has not arrived yet (remembering where to resume).
    private mutating func find(
        _ terminator: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from: Int
    ) throws(XMLError) -> Int? {
        let count = terminator.utf8CodeUnitCount
        let text = terminator.utf8Start
        var index = max(from, (resumeAt ?? 0) - base)
        while index + count <= bytes.count {
            if bytes[index] == text[0] {
                var matched = 1
                while matched < count && bytes[index + matched] == text[matched] { matched += 1 }
                if matched == count {
                    resumeAt = nil
                    try checkLength(index + count - position)
                    return index
                }
            }
            index += 1
        }
        try checkLength(bytes.count - position)
        // The terminator may begin in the bytes already seen, so resume a little before the end.
        resumeAt = base + max(from, bytes.count - count + 1)
        return nil
    }

    func checkLength(_ length: Int) throws(XMLError) {
        guard length <= limits.maxTokenLength else {
            throw XMLError(
                kind: .limitExceeded, offset: tokenOffset,
                reason: "token longer than \(limits.maxTokenLength) bytes")
        }
    }

    /// More input is needed for the token at `position`; at the end of input that is a truncation.
    func incomplete(_ bytes: UnsafeBufferPointer<UInt8>) throws(XMLError) -> Step {
        try checkLength(bytes.count - position)
        guard !finished else {
            throw XMLError(kind: .truncated, offset: tokenOffset, reason: "input ends inside markup")
        }
        return .needMore
    }

    /// Whether `literal` is at `index`: nil when the bytes so far match but end too soon to tell.
    static func match(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ literal: StaticString, caseInsensitive: Bool = false
    ) -> Bool? {
        let text = literal.utf8Start
        for offset in 0..<literal.utf8CodeUnitCount {
            guard index + offset < bytes.count else { return nil }
            var byte = bytes[index + offset]
            if caseInsensitive && byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 32 }
            if byte != text[offset] { return false }
        }
        return true
    }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
