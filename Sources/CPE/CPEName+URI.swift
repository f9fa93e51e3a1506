// The CPE 2.2-compatible URI binding, NISTIR 7695 §6.1.

extension CPEName {
    /// Parses a `cpe:/part:vendor:product:version:update:edition:language` URI (`unbind_URI`): missing trailing
    /// components are ANY, letters are lowercased, the packed edition `~ed~sw_ed~t_sw~t_hw~oth` is unpacked, and
    /// only the percent-encodings of NISTIR 7695 Figure 6-2 are accepted. Unlike the pseudocode, punctuation that
    /// should have been percent-encoded is refused rather than copied into the value unquoted.
    public init(uri: String) throws(CPEParseError) {
        var input = uri
        let outcome = input.withUTF8 { bytes in
            Result { () throws(ByteFault) in try URIBinding.parse(bytes) }
        }
        switch outcome {
        case .success(let values): self.init(values: values)
        case .failure(let fault): throw fault.error(in: uri)
        }
    }

    /// The URI binding (`bind_to_URI`); the extended attributes are packed into the edition when any is not ANY.
    public var uri: String {
        var bytes = URIBinding.prefix
        bytes.reserveCapacity(64)
        for attribute in URIBinding.components {
            if attribute != .part { bytes.append(ASCII.colon) }
            guard attribute == .edition else {
                URIBinding.append(self[attribute], to: &bytes)
                continue
            }
            if URIBinding.extended.allSatisfy({ self[$0] == .any }) {
                URIBinding.append(self[.edition], to: &bytes)
            } else {
                for packed in URIBinding.packed {
                    bytes.append(ASCII.tilde)
                    URIBinding.append(self[packed], to: &bytes)
                }
            }
        }
        while bytes.last == ASCII.colon { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// URI parsing and binding on UTF-8 bytes.
enum URIBinding {
    static let prefix: [UInt8] = Array("cpe:/".utf8)
    static let components: [CPEAttribute] = [.part, .vendor, .product, .version, .update, .edition, .language]
    /// The attributes CPE 2.2 lacks, which the URI packs into the edition after the legacy edition itself.
    static let extended: [CPEAttribute] = [.swEdition, .targetSW, .targetHW, .other]
    static let packed: [CPEAttribute] = [.edition] + extended

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(ByteFault) -> [CPEValue] {
        for (offset, expected) in prefix.enumerated() {
            guard offset < bytes.count, ASCII.lowercased(bytes[offset]) == expected else {
                throw ByteFault(.badPrefix, at: offset, "a CPE URI starts with 'cpe:/'")
            }
        }
        return try ValueBuilder.withScratch(length: bytes.count) { scratch throws(ByteFault) in
            var values = [CPEValue](repeating: .any, count: CPEAttribute.ordered.count)
            var start = prefix.count
            for (index, attribute) in components.enumerated() where start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != ASCII.colon { end += 1 }
                if attribute == .edition && end > start && bytes[start] == ASCII.tilde {
                    try unpack(bytes, from: start, to: end, into: &values, scratch: scratch)
                } else {
                    let value = try decode(bytes, from: start, to: end, scratch: scratch)
                    try AttributeRules.check(value, for: attribute, at: start)
                    values[attribute.rawValue] = value
                }
                if end < bytes.count && index == components.count - 1 {
                    throw ByteFault(.componentCount, at: end, "a CPE URI has at most 7 components")
                }
                start = end + 1
            }
            return values
        }
    }

    /// Splits a packed edition at its first four tildes (`unpack`); any later tilde belongs to `other`.
    private static func unpack(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int,
        into values: inout [CPEValue],
        scratch: UnsafeMutablePointer<UInt8>
    ) throws(ByteFault) {
        var fieldStart = start + 1
        for (index, attribute) in packed.enumerated() {
            var fieldEnd = fieldStart
            if index < packed.count - 1 {
                while fieldEnd < end && bytes[fieldEnd] != ASCII.tilde { fieldEnd += 1 }
                guard fieldEnd < end else {
                    throw ByteFault(.badPackedEdition, at: end, "a packed edition has five '~'-separated fields")
                }
            } else {
                fieldEnd = end
            }
            values[attribute.rawValue] = try decode(bytes, from: fieldStart, to: fieldEnd, scratch: scratch)
            fieldStart = fieldEnd + 1
        }
    }

    /// One component (`decode`): blank is ANY, `-` is NA, and the rest is lowercased and percent-decoded.
    private static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int,
        scratch: UnsafeMutablePointer<UInt8>
    ) throws(ByteFault) -> CPEValue {
        if start == end { return .any }
        if end - start == 1 && bytes[start] == ASCII.hyphen { return .notApplicable }
        var builder = ValueBuilder(buffer: scratch)
        var index = start
        while index < end {
            let byte = ASCII.lowercased(bytes[index])
            if ASCII.isWord(byte) {
                try builder.word(byte)
            } else if byte == ASCII.period || byte == ASCII.hyphen || byte == ASCII.tilde {
                try builder.quoted(byte)
            } else if byte == ASCII.percent {
                guard index + 2 < end, let high = ASCII.hexValue(bytes[index + 1]),
                    let low = ASCII.hexValue(bytes[index + 2])
                else {
                    throw ByteFault(.badPercentEncoding, at: index, "'%' must be followed by two hex digits")
                }
                let decoded = high << 4 | low
                if decoded == 1 {
                    try builder.wildcard(ASCII.question, at: index)
                } else if decoded == 2 {
                    try builder.wildcard(ASCII.asterisk, at: index)
                } else if ASCII.isQuotable(decoded) && decoded != ASCII.period && decoded != ASCII.hyphen {
                    try builder.quoted(decoded)
                } else {
                    throw ByteFault(
                        .badPercentEncoding, at: index, "the URI binding does not define this percent-encoding")
                }
                index += 2
            } else {
                throw ByteFault(
                    .illegalCharacter, at: index, "'\(Character(Unicode.Scalar(byte)))' must be percent-encoded")
            }
            index += 1
        }
        return try builder.finish(at: start)
    }

    /// Appends one value as `bind_value_for_URI` does: ANY is blank, NA is `-`, wildcards become `%01`/`%02`.
    static func append(_ value: CPEValue, to bytes: inout [UInt8]) {
        switch value {
        case .any:
            return
        case .notApplicable:
            bytes.append(ASCII.hyphen)
        case .value(let text):
            var quoting = false
            for byte in text.utf8 {
                if !quoting && byte == ASCII.backslash {
                    quoting = true
                    continue
                }
                if !quoting && ASCII.isWord(byte) {
                    bytes.append(byte)
                } else if !quoting && (byte == ASCII.question || byte == ASCII.asterisk) {
                    bytes.append(ASCII.percent)
                    bytes.append(0x30)
                    bytes.append(byte == ASCII.question ? 0x31 : 0x32)
                } else if byte == ASCII.period || byte == ASCII.hyphen {
                    bytes.append(byte)
                } else {
                    bytes.append(ASCII.percent)
                    bytes.append(ASCII.hexDigit(byte >> 4))
                    bytes.append(ASCII.hexDigit(byte & 0xF))
                }
                quoting = false
            }
        }
    }
}
