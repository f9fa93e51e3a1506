// The CPE 2.3 formatted string binding, NISTIR 7695 §6.2.

extension CPEName {
    /// Parses `cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other`
    /// strictly by the ABNF of NISTIR 7695 Figure 6-3, so that every accepted string re-formats to itself (only the
    /// prefix is matched without regard to case, and written back in lowercase).
    public init(formattedString: String) throws(CPEParseError) {
        var input = formattedString
        let outcome = input.withUTF8 { bytes in
            Result { () throws(ByteFault) in try FormattedString.parse(bytes) }
        }
        switch outcome {
        case .success(let values): self.init(values: values)
        case .failure(let fault): throw fault.error(in: formattedString)
        }
    }

    /// The formatted string binding (NISTIR 7695 §6.2.2 `bind_to_fs`).
    public var formattedString: String {
        // A colon and possibly `*` or `-` per attribute, and at most the quoted text's length for a value.
        var capacity = FormattedString.prefix.count + 2 * values.count
        for value in values {
            if case .value(let text) = value { capacity += text.utf8.count }
        }
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var count = 0
            for byte in FormattedString.prefix {
                buffer[count] = byte
                count += 1
            }
            for (index, value) in values.enumerated() {
                if index > 0 {
                    buffer[count] = ASCII.colon
                    count += 1
                }
                switch value {
                case .any:
                    buffer[count] = ASCII.asterisk
                    count += 1
                case .notApplicable:
                    buffer[count] = ASCII.hyphen
                    count += 1
                case .value(let text):
                    // process_quoted_chars: `.`, `-` and `_` are plain in a formatted string, all else stays quoted.
                    var quoting = false
                    for byte in text.utf8 {
                        if quoting {
                            quoting = false
                            if byte != ASCII.period && byte != ASCII.hyphen && byte != ASCII.underscore {
                                buffer[count] = ASCII.backslash
                                count += 1
                            }
                        } else if byte == ASCII.backslash {
                            quoting = true
                            continue
                        }
                        buffer[count] = byte
                        count += 1
                    }
                }
            }
            return count
        }
    }
}

/// Formatted-string parsing on UTF-8 bytes.
enum FormattedString {
    static let prefix: [UInt8] = Array("cpe:2.3:".utf8)

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(ByteFault) -> [CPEValue] {
        try checkPrefix(bytes)
        do {
            return try components(bytes)
        } catch {
            // A stray colon (`sterling_connect:direct`) shifts values into places where they fail; the count is
            // the honest diagnosis then, so it takes precedence over whatever fault the shift produced.
            try checkComponentCount(bytes)
            throw error
        }
    }

    private static func components(_ bytes: UnsafeBufferPointer<UInt8>) throws(ByteFault) -> [CPEValue] {
        try ValueBuilder.withScratch(length: bytes.count) { scratch throws(ByteFault) in
            var values: [CPEValue] = []
            values.reserveCapacity(CPEAttribute.ordered.count)
            var start = prefix.count
            for attribute in CPEAttribute.ordered {
                if start > bytes.count {
                    throw ByteFault(.componentCount, at: bytes.count, "too few components")
                }
                var end = start
                while end < bytes.count && bytes[end] != ASCII.colon {
                    end += bytes[end] == ASCII.backslash ? 2 : 1
                }
                if end > bytes.count {
                    throw ByteFault(.badEscape, at: bytes.count - 1, "backslash at the end of the input")
                }
                let value = try component(bytes, from: start, to: end, scratch: scratch)
                try AttributeRules.check(value, for: attribute, at: start)
                values.append(value)
                start = end + 1
            }
            if start <= bytes.count {
                throw ByteFault(.componentCount, at: start - 1, "too many components")
            }
            return values
        }
    }

    private static func checkPrefix(_ bytes: UnsafeBufferPointer<UInt8>) throws(ByteFault) {
        for (offset, expected) in prefix.enumerated() {
            guard offset < bytes.count, ASCII.lowercased(bytes[offset]) == expected else {
                throw ByteFault(.badPrefix, at: offset, "a CPE 2.3 formatted string starts with 'cpe:2.3:'")
            }
        }
    }

    /// Throws unless exactly eleven components follow the prefix; a surplus is reported at the colon that ends
    /// the eleventh, a shortfall at the end of the input.
    private static func checkComponentCount(_ bytes: UnsafeBufferPointer<UInt8>) throws(ByteFault) {
        let expected = CPEAttribute.ordered.count
        var count = 1
        var surplusAt = bytes.count
        var index = prefix.count
        while index < bytes.count {
            if bytes[index] == ASCII.colon {
                if count == expected { surplusAt = index }
                count += 1
            }
            index += bytes[index] == ASCII.backslash ? 2 : 1
        }
        guard count != expected else { return }
        throw ByteFault(
            .componentCount, at: count > expected ? surplusAt : bytes.count,
            "expected \(expected) components after 'cpe:2.3:', found \(count)")
    }

    /// One component (`unbind_value_fs`), with escapes already known to be paired within `start..<end`.
    private static func component(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int,
        scratch: UnsafeMutablePointer<UInt8>
    ) throws(ByteFault) -> CPEValue {
        if end - start == 1 {
            if bytes[start] == ASCII.asterisk { return .any }
            if bytes[start] == ASCII.hyphen { return .notApplicable }
        }
        var builder = ValueBuilder(buffer: scratch)
        var index = start
        while index < end {
            let byte = bytes[index]
            if ASCII.isWord(byte) {
                try builder.word(byte)
            } else if byte == ASCII.period || byte == ASCII.hyphen {
                try builder.quoted(byte)
            } else if byte == ASCII.backslash {
                let quoted = bytes[index + 1]
                guard ASCII.isQuotable(quoted) && quoted != ASCII.period && quoted != ASCII.hyphen else {
                    throw ByteFault(.badEscape, at: index, badEscapeReason(quoted))
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

    private static func badEscapeReason(_ quoted: UInt8) -> String {
        if quoted == ASCII.period || quoted == ASCII.hyphen || ASCII.isWord(quoted) {
            return "'\(Character(Unicode.Scalar(quoted)))' needs no backslash in a formatted string"
        }
        return "a backslash may only quote a printable punctuation character"
    }
}
