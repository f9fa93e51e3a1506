/// One value of a registry export, as text.
enum RegistryValue: Equatable {
    case value(String)
    /// A type records do not use (binary, deleted).
    case ignored
    case invalid(String)

    /// Decodes what follows `=`: `"text"`, `dword:0000000b`, `hex(2):41,00,…` and the like.
    static func decode(_ bytes: ArraySlice<UInt8>, unicode: Bool) -> RegistryValue {
        let text = String(decoding: bytes, as: UTF8.self).trimmingSpaces
        if text.hasPrefix("\"") { return string(text) }
        if text == "-" { return .ignored }
        if text.hasPrefix("dword:") {
            guard let value = UInt32(text.dropFirst(6), radix: 16) else {
                return .invalid("bad dword \(text.prefix(40))")
            }
            return .value(String(value))
        }
        guard let colon = text.firstIndex(of: ":"), text.hasPrefix("hex") else {
            return .invalid("unrecognised value \(text.prefix(40))")
        }
        let type = text[text.startIndex..<colon]
        guard let data = hexBytes(text[text.index(after: colon)...]) else {
            return .invalid("bad hex data in a \(type) value")
        }
        switch type {
        case "hex(1)", "hex(2)": return .value(strings(data, unicode: unicode).first ?? "")
        case "hex(7)": return .value(strings(data, unicode: unicode).joined(separator: "; "))
        case "hex(4)", "hex(b)":
            let value = data.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return .value(String(value))
        default: return .ignored
        }
    }

    /// `"text"` with `\\` and `\"` undone.
    private static func string(_ text: String) -> RegistryValue {
        var output = ""
        var escaped = false
        for character in text.dropFirst() {
            if escaped {
                output.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                return .value(output)
            } else {
                output.append(character)
            }
        }
        return .invalid("a string value without its closing quote")
    }

    /// `41,00,42,00` → bytes.
    private static func hexBytes(_ text: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        for part in text.split(separator: ",") {
            let digits = part.trimmingCharacters(in: " \t")
            guard !digits.isEmpty else { continue }
            guard digits.count <= 2, let byte = UInt8(digits, radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    /// NUL-terminated strings in UTF-16LE (REGEDIT5) or the ANSI code page (REGEDIT4, read as Latin-1).
    private static func strings(_ data: [UInt8], unicode: Bool) -> [String] {
        var result: [String] = []
        if unicode {
            var units: [UInt16] = []
            var index = 0
            while index + 1 < data.count {
                let unit = UInt16(data[index]) | UInt16(data[index + 1]) << 8
                if unit == 0 {
                    if !units.isEmpty { result.append(String(decoding: units, as: UTF16.self)) }
                    units.removeAll()
                } else {
                    units.append(unit)
                }
                index += 2
            }
            if !units.isEmpty { result.append(String(decoding: units, as: UTF16.self)) }
        } else {
            for part in data.split(separator: 0) {
                result.append(String(decoding: part.map { UInt16($0) }, as: UTF16.self))
            }
        }
        return result
    }
}
