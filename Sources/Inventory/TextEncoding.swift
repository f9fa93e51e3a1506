/// The text encodings an inventory is read from. Everything is converted to UTF-8 before parsing.
public enum TextEncoding: String, Hashable, Sendable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    /// Big5 as Windows writes it (code page 950): what Taiwanese Excel saves "CSV" in.
    case cp950
}

/// Bytes that could not be decoded: where they are in the file as uploaded, where their U+FFFD is in the
/// UTF-8 text, and the bytes themselves (at most two).
struct DecodingFault: Hashable, Sendable {
    var inputOffset: Int
    var outputOffset: Int
    var bytes: [UInt8]

    var hex: String {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + digits : digits
        }.joined(separator: " ")
    }
}
