/// base64url without padding (RFC 4648 §5), the encoding WebAuthn uses for challenges, ids and binary fields in
/// JSON.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var group: UInt32 = 0
            for (position, byte) in chunk.enumerated() { group |= UInt32(byte) << (16 - 8 * position) }
            for position in 0...chunk.count { out.append(alphabet[Int(group >> (18 - 6 * position) & 0x3f)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a base64url text; padding is tolerated, other characters are not. Nil names no offset because
    /// callers report the field instead.
    public static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        for unit in text.utf8 {
            switch unit {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(unit - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(unit - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(unit - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "-"), UInt8(ascii: "+"): values.append(62)
            case UInt8(ascii: "_"), UInt8(ascii: "/"): values.append(63)
            case UInt8(ascii: "="): continue
            default: return nil
            }
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            var group: UInt32 = 0
            for (position, value) in chunk.enumerated() { group |= UInt32(value) << (18 - 6 * position) }
            for position in 0..<(chunk.count - 1) {
                out.append(UInt8(truncatingIfNeeded: group >> (16 - 8 * position)))
            }
            index += 4
        }
        return out
    }
}
