extension XMLTokenizer {
    mutating func startTag(_ bytes: UnsafeBufferPointer<UInt8>) throws(XMLError) -> Step {
        let start = position
        guard let nameEnd = try scanName(bytes, from: start + 1) else { return try incomplete(bytes) }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<nameEnd]), as: UTF8.self)
        if open.isEmpty && rootSeen {
            throw XMLError(kind: .malformed, offset: tokenOffset, reason: "a second root element <\(name)>")
        }
        var attributes: [XMLAttribute] = []
        var index = nameEnd
        var selfClosing = false
        while true {
            let spaced = index < bytes.count && Self.isWhitespace(bytes[index])
            while index < bytes.count && Self.isWhitespace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return try incomplete(bytes) }
            try checkLength(index - start)
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                break
            }
            if bytes[index] == UInt8(ascii: "/") {
                guard index + 1 < bytes.count else { return try incomplete(bytes) }
                guard bytes[index + 1] == UInt8(ascii: ">") else {
                    throw malformed(index + 1, "expected '>' after '/'")
                }
                index += 2
                selfClosing = true
                break
            }
            guard spaced else { throw malformed(index, "expected whitespace before an attribute") }
            guard let attribute = try scanAttribute(bytes, from: &index) else { return try incomplete(bytes) }
            guard attributes.count < limits.maxAttributes else {
                throw XMLError(
                    kind: .limitExceeded, offset: tokenOffset,
                    reason: "more than \(limits.maxAttributes) attributes on <\(name)>")
            }
            if attributes.contains(where: { $0.name == attribute.name }) {
                throw malformed(index, "attribute \(attribute.name) repeated on <\(name)>")
            }
            attributes.append(attribute)
        }
        guard open.count < limits.maxDepth else {
            throw XMLError(
                kind: .limitExceeded, offset: tokenOffset, reason: "elements nested deeper than \(limits.maxDepth)")
        }
        open.append(name)
        rootSeen = true
        if selfClosing { pendingEnd = name }
        position = index
        return .token(.start(name: name, attributes: attributes))
    }

    /// `name = "value"` starting at `index`; nil when the input ends first.
    private func scanAttribute(
        _ bytes: UnsafeBufferPointer<UInt8>, from index: inout Int
    ) throws(XMLError) -> XMLAttribute? {
        let nameStart = index
        guard let nameEnd = try scanName(bytes, from: nameStart) else { return nil }
        var cursor = nameEnd
        while cursor < bytes.count && Self.isWhitespace(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count else { return nil }
        guard bytes[cursor] == UInt8(ascii: "=") else {
            throw malformed(cursor, "expected '=' after an attribute name")
        }
        cursor += 1
        while cursor < bytes.count && Self.isWhitespace(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count else { return nil }
        let quote = bytes[cursor]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw malformed(cursor, "expected a quoted attribute value")
        }
        let valueStart = cursor + 1
        var valueEnd = valueStart
        while valueEnd < bytes.count && bytes[valueEnd] != quote {
            if bytes[valueEnd] == UInt8(ascii: "<") { throw malformed(valueEnd, "'<' in an attribute value") }
            valueEnd += 1
            if valueEnd - valueStart > limits.maxAttributeLength {
                throw XMLError(
                    kind: .limitExceeded, offset: base + valueStart,
                    reason: "attribute value longer than \(limits.maxAttributeLength) bytes")
            }
        }
        guard valueEnd < bytes.count else { return nil }
        index = valueEnd + 1
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]), as: UTF8.self)
        return XMLAttribute(name: name, value: try decode(bytes, valueStart..<valueEnd, attribute: true))
    }

    mutating func endTag(_ bytes: UnsafeBufferPointer<UInt8>) throws(XMLError) -> Step {
        let start = position
        guard let nameEnd = try scanName(bytes, from: start + 2) else { return try incomplete(bytes) }
        var index = nameEnd
        while index < bytes.count && Self.isWhitespace(bytes[index]) { index += 1 }
        guard index < bytes.count else { return try incomplete(bytes) }
        guard bytes[index] == UInt8(ascii: ">") else { throw malformed(index, "expected '>' to end the end tag") }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 2)..<nameEnd]), as: UTF8.self)
        guard let expected = open.last else {
            throw XMLError(kind: .malformed, offset: tokenOffset, reason: "end tag </\(name)> with no open element")
        }
        guard expected == name else {
            throw XMLError(
                kind: .malformed, offset: tokenOffset, reason: "end tag </\(name)> does not match <\(expected)>")
        }
        open.removeLast()
        position = index + 1
        return .token(.end(name: name))
    }

    /// The end of the name starting at `start`; nil when the input ends inside it.
    func scanName(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(XMLError) -> Int? {
        guard start < bytes.count else { return nil }
        guard Self.isNameStart(bytes[start]) else { throw malformed(start, "expected a name") }
        var index = start + 1
        while index < bytes.count && Self.isNameByte(bytes[index]) {
            index += 1
            if index - start > limits.maxNameLength {
                throw XMLError(
                    kind: .limitExceeded, offset: base + start,
                    reason: "name longer than \(limits.maxNameLength) bytes")
            }
        }
        return index < bytes.count || finished ? index : nil
    }

    func malformed(_ index: Int, _ reason: String) -> XMLError {
        XMLError(kind: .malformed, offset: base + index, reason: reason)
    }

    @inline(__always)
    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".")
    }
}
