extension JSONReader {
    /// Reads a string value, resolving every escape (`\uXXXX` surrogate pairs included).
    public mutating func readString() throws(JSONError) -> String {
        let text = try readText()
        guard text.hasEscapes else { return String(decoding: text.bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(text.bytes.count)
        if let bad = JSONReader.unescape(text.bytes, into: &output) {
            throw JSONError(offset: textStart(text) + bad, expected: "a valid escape sequence")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Reads a string value as a view into the buffer, escapes unresolved (see `JSONText.string`).
    /// Escapes are checked in shape; only an unpaired surrogate, which `readString` refuses, passes here
    /// and reads as U+FFFD.
    public mutating func readText() throws(JSONError) -> JSONText {
        skipWhitespace()
        guard offset < end, base[offset] == UInt8(ascii: "\"") else { throw error("a string") }
        let (start, count, escaped) = try scanString()
        return JSONText(bytes: UnsafeBufferPointer(start: base + start, count: count), hasEscapes: escaped)
    }

    /// A string value, or nil (consumed) when the value is `null`.
    public mutating func readOptionalString() throws(JSONError) -> String? {
        try consumeNull() ? nil : try readString()
    }

    private func textStart(_ text: JSONText) -> Int {
        guard let start = text.bytes.baseAddress else { return offset }
        return UnsafePointer(start) - base
    }

    /// Scans a string starting at its opening quote; returns the content's offset, length and whether it has
    /// escapes. Checks that escapes are well formed in shape and that no raw control character occurs.
    @inline(__always)
    mutating func scanString() throws(JSONError) -> (start: Int, count: Int, escaped: Bool) {
        offset += 1
        let start = offset
        var escaped = false
        while offset < end {
            let byte = base[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return (start, offset - 1 - start, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard offset + 1 < end else { break }
                switch base[offset + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    offset += 2
                case UInt8(ascii: "u"):
                    guard offset + 5 < end, JSONReader.hexValue(base + offset + 2) != nil else {
                        offset += 1
                        throw error("four hex digits after \\u")
                    }
                    offset += 6
                default:
                    offset += 1
                    throw error("an escape character")
                }
                continue
            }
            if byte < 0x20 { throw error("'\"' (control characters must be escaped)") }
            offset += 1
        }
        throw error("'\"' before the end of input")
    }

    @inline(__always)
    static func hexValue(_ pointer: UnsafePointer<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for index in 0..<4 {
            let byte = pointer[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Resolves the escapes of raw string content into UTF-8. Returns the offset (in `raw`) of the first bad
    /// escape, or nil on success. An unpaired surrogate is bad: it cannot be represented in UTF-8.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], lenient: Bool = false) -> Int? {
        guard let pointer = raw.baseAddress else { return nil }
        var index = 0
        while index < raw.count {
            let byte = pointer[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < raw.count else { return index }
            let escape = pointer[index + 1]
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                guard index + 6 <= raw.count, var scalar = hexValue(pointer + index + 2) else { return index }
                if (0xD800..<0xDC00).contains(scalar), index + 12 <= raw.count,
                    pointer[index + 6] == UInt8(ascii: "\\"),
                    pointer[index + 7] == UInt8(ascii: "u"), let low = hexValue(pointer + index + 8),
                    (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                } else if (0xD800..<0xE000).contains(scalar) {
                    guard lenient else { return index }
                    scalar = 0xFFFD
                }
                Unicode.UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { output.append($0) }
                index += 4
            default: return index
            }
            index += 2
        }
        return nil
    }

}
