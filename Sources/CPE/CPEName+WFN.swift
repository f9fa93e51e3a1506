// The WFN text notation of NISTIR 7695 §5.1: `wfn:[part="a",vendor="microsoft",…]`.

extension CPEName {
    /// Parses WFN text. Attributes may come in any order and in any letter case, unspecified ones are ANY, and
    /// whitespace around separators is ignored; values must be in WFN form (`"8\.0"`, not `"8.0"`).
    public init(wfn: String) throws(CPEParseError) {
        var input = wfn
        let outcome = input.withUTF8 { bytes in
            Result { () throws(ByteFault) in try WFNText.parse(bytes) }
        }
        switch outcome {
        case .success(let values): self.init(values: values)
        case .failure(let fault): throw fault.error(in: wfn)
        }
    }

    /// The name as WFN text, all eleven attributes in binding order.
    public var wfn: String {
        var text = "wfn:["
        for attribute in CPEAttribute.ordered {
            if attribute != .part { text += "," }
            text += attribute.wfnName
            text += "="
            text += self[attribute].description
        }
        return text + "]"
    }
}

/// WFN text and WFN-form values on UTF-8 bytes.
enum WFNText {
    /// NISTIR 7696 `contains_wildcards`: an unquoted `*` or `?` anywhere in a WFN-form value.
    static func containsWildcards(_ text: String) -> Bool {
        var quoting = false
        for byte in text.utf8 {
            if quoting {
                quoting = false
            } else if byte == ASCII.backslash {
                quoting = true
            } else if byte == ASCII.asterisk || byte == ASCII.question {
                return true
            }
        }
        return false
    }

    /// Checks and copies a WFN-form value (NISTIR 7695 Figure 5-1) held in `start..<end`.
    static func value(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(ByteFault) -> CPEValue {
        try ValueBuilder.withScratch(length: end - start) { scratch throws(ByteFault) in
            var builder = ValueBuilder(buffer: scratch)
            var index = start
            while index < end {
                let byte = bytes[index]
                if ASCII.isWord(byte) {
                    try builder.word(byte)
                } else if byte == ASCII.backslash {
                    guard index + 1 < end else {
                        throw ByteFault(.badEscape, at: index, "backslash at the end of the value")
                    }
                    let quoted = bytes[index + 1]
                    guard ASCII.isQuotable(quoted) else {
                        throw ByteFault(
                            .badEscape, at: index, "a backslash may only quote a printable punctuation character")
                    }
                    try builder.quoted(quoted)
                    index += 1
                } else if byte == ASCII.asterisk || byte == ASCII.question {
                    try builder.wildcard(byte, at: index)
                } else {
                    throw ByteFault(.illegalCharacter, at: index, ASCII.illegalReason(byte))
                }
                index += 1
            }
            return try builder.finish(at: start)
        }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(ByteFault) -> [CPEValue] {
        var reader = Reader(bytes: bytes)
        reader.skipWhitespace()
        guard reader.consumePrefix("wfn:[") else {
            throw ByteFault(.badPrefix, at: reader.index, "WFN text starts with 'wfn:['")
        }
        var values = [CPEValue](repeating: .any, count: CPEAttribute.ordered.count)
        var seen = [Bool](repeating: false, count: values.count)
        reader.skipWhitespace()
        if !reader.consume(UInt8(ascii: "]")) {
            while true {
                reader.skipWhitespace()
                let nameStart = reader.index
                let name = reader.word()
                guard !name.isEmpty else { throw ByteFault(.badSyntax, at: nameStart, "expected an attribute name") }
                guard let attribute = CPEAttribute(wfnName: name) else {
                    throw ByteFault(.unknownAttribute, at: nameStart, "'\(name)' is not a WFN attribute")
                }
                guard !seen[attribute.rawValue] else {
                    throw ByteFault(.duplicateAttribute, at: nameStart, "'\(name)' is given twice")
                }
                seen[attribute.rawValue] = true
                reader.skipWhitespace()
                guard reader.consume(ASCII.equals) else {
                    throw ByteFault(.badSyntax, at: reader.index, "expected '='")
                }
                reader.skipWhitespace()
                let valueStart = reader.index + (reader.peek == ASCII.quote ? 1 : 0)
                let value = try reader.attributeValue()
                try AttributeRules.check(value, for: attribute, at: valueStart)
                values[attribute.rawValue] = value
                reader.skipWhitespace()
                if reader.consume(ASCII.comma) { continue }
                if reader.consume(UInt8(ascii: "]")) { break }
                throw ByteFault(.badSyntax, at: reader.index, "expected ',' or ']'")
            }
        }
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw ByteFault(.badSyntax, at: reader.index, "text after ']'") }
        return values
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while index < bytes.count && ASCII.isWhitespace(bytes[index]) { index += 1 }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard index < bytes.count && bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func consumePrefix(_ prefix: String) -> Bool {
            for (offset, byte) in prefix.utf8.enumerated() {
                guard index + offset < bytes.count, ASCII.lowercased(bytes[index + offset]) == byte else {
                    return false
                }
            }
            index += prefix.utf8.count
            return true
        }

        mutating func word() -> String {
            let start = index
            while index < bytes.count && ASCII.isWord(bytes[index]) { index += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }

        /// A double-quoted WFN-form value, or the logical value ANY or NA.
        mutating func attributeValue() throws(ByteFault) -> CPEValue {
            let start = index
            guard consume(ASCII.quote) else {
                switch word() {
                case "ANY": return .any
                case "NA": return .notApplicable
                default: throw ByteFault(.badSyntax, at: start, "expected a quoted value, ANY or NA")
                }
            }
            var end = index
            while end < bytes.count && bytes[end] != ASCII.quote {
                end += bytes[end] == ASCII.backslash ? 2 : 1
            }
            guard end < bytes.count else { throw ByteFault(.badSyntax, at: start, "unterminated quoted value") }
            let value = try WFNText.value(bytes, from: index, to: end)
            index = end + 1
            return value
        }
    }
}
