extension XMLTokenizer {
    /// Text or an attribute value with references resolved and line ends normalised (XML 1.0 §2.11, §3.3.3):
    /// CR LF and lone CR become LF; in attribute values literal tab, CR and LF become a space.
    func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, attribute: Bool
    ) throws(XMLError) -> String {
        var plain = true
        for index in range {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&") || byte == 0x0D || attribute && (byte == 0x09 || byte == 0x0A) {
                plain = false
                break
            }
        }
        if plain { return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"):
                index = try reference(bytes, at: index, end: range.upperBound, into: &output)
                continue
            case 0x0D:
                output.append(attribute ? 0x20 : 0x0A)
                if index + 1 < range.upperBound && bytes[index + 1] == 0x0A { index += 1 }
            case 0x09, 0x0A:
                output.append(attribute ? 0x20 : byte)
            default:
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// CDATA content: only line ends are normalised.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, resolvingReferences: Bool) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        guard slice.contains(0x0D) else { return String(decoding: slice, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(slice.count)
        var index = 0
        while index < slice.count {
            if slice[index] == 0x0D {
                output.append(0x0A)
                if index + 1 < slice.count && slice[index + 1] == 0x0A { index += 1 }
            } else {
                output.append(slice[index])
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Resolves the reference starting at `&`; returns the index after its `;`.
    private func reference(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int, into output: inout [UInt8]
    ) throws(XMLError) -> Int {
        var semicolon = start + 1
        while semicolon < end && semicolon - start <= 12 && bytes[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
        guard semicolon < end && bytes[semicolon] == UInt8(ascii: ";") else {
            throw malformed(start, "'&' must start a reference ending in ';' (write &amp; for a literal '&')")
        }
        let name = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<semicolon])
        if name.first == UInt8(ascii: "#") {
            guard let scalar = Self.characterReference(name), let character = Unicode.Scalar(scalar),
                Self.isXMLCharacter(scalar)
            else {
                throw malformed(start, "invalid character reference &\(String(decoding: name, as: UTF8.self));")
            }
            output.append(contentsOf: String(Character(character)).utf8)
            return semicolon + 1
        }
        switch String(decoding: name, as: UTF8.self) {
        case "lt": output.append(UInt8(ascii: "<"))
        case "gt": output.append(UInt8(ascii: ">"))
        case "amp": output.append(UInt8(ascii: "&"))
        case "quot": output.append(UInt8(ascii: "\""))
        case "apos": output.append(UInt8(ascii: "'"))
        case let other:
            throw malformed(
                start,
                "undefined entity &\(other); (no DTD is read, so only the five predefined entities exist)")
        }
        return semicolon + 1
    }

    /// `#123` or `#x7B`.
    private static func characterReference(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let hex = name.count > 1 && name[1] == UInt8(ascii: "x")
        let digits = name.dropFirst(hex ? 2 : 1)
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for byte in digits {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value * (hex ? 16 : 10) + digit
        }
        return value
    }

    /// XML 1.0 `Char`: no NUL, no other C0 control but tab, LF and CR, no surrogates, no U+FFFE/U+FFFF.
    private static func isXMLCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
