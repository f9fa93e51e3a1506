/// Byte classes of NISTIR 7695, on UTF-8 bytes so that parsing never decodes `Character`s.
enum ASCII {
    static let backslash = UInt8(ascii: "\\")
    static let colon = UInt8(ascii: ":")
    static let asterisk = UInt8(ascii: "*")
    static let question = UInt8(ascii: "?")
    static let hyphen = UInt8(ascii: "-")
    static let period = UInt8(ascii: ".")
    static let underscore = UInt8(ascii: "_")
    static let tilde = UInt8(ascii: "~")
    static let percent = UInt8(ascii: "%")
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let equals = UInt8(ascii: "=")
    static let slash = UInt8(ascii: "/")

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always) static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// Letters, digits and `_`: the characters a WFN value never quotes.
    @inline(__always) static func isWord(_ byte: UInt8) -> Bool {
        isDigit(byte) || isAlpha(byte) || byte == underscore
    }

    /// Printable non-alphanumeric characters other than `_`: exactly those a WFN value may quote.
    @inline(__always) static func isQuotable(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !isWord(byte)
    }

    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        if isDigit(byte) { return byte - 0x30 }
        let lower = byte | 0x20
        return lower &- 0x61 < 6 ? lower - 0x57 : nil
    }

    /// Why `byte` may not stand unquoted in a value, for error messages.
    static func illegalReason(_ byte: UInt8) -> String {
        if isQuotable(byte) { return "'\(Character(Unicode.Scalar(byte)))' must be quoted with a backslash" }
        if byte >= 0x80 { return "non-ASCII characters are not allowed" }
        return "whitespace and control characters are not allowed"
    }
}
