/// Value clean-up shared by every format.
enum RecordValues {
    /// The value without surrounding whitespace (and control characters); nil when nothing is left.
    @inline(__always)
    static func text(_ value: String?) -> String? {
        guard let value, let firstByte = value.utf8.first, let lastByte = value.utf8.last else { return nil }
        // Almost every value starts and ends with something visible: then it is kept as it is, uncopied.
        if firstByte > 0x20 && firstByte < 0x7F && lastByte > 0x20 && lastByte < 0x7F { return value }
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else { return nil }
        if !isSpace(first.value) && !isSpace(last.value) { return value }
        let scalars = value.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0.value) }),
            let end = scalars.lastIndex(where: { !isSpace($0.value) })
        else { return nil }
        return String(scalars[start...end])
    }

    /// Unicode White_Space, and the C0 and C1 controls.
    @inline(__always)
    static func isSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0...0x20, 0x7F...0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    enum CPECheck: Equatable {
        case absent
        case valid(String)
        case invalid(String)
    }

    /// A CPE as VANS sends it: a CPE 2.3 formatted string, or "N/A" (or blank) for none (DOMAIN R11).
    static func cpe(_ value: String?) -> CPECheck {
        guard let value = text(value), !isNone(value) else { return .absent }
        return isFormattedString(value) ? .valid(value) : .invalid(value)
    }

    /// "N/A" and its variants, which VANS writes for "no CPE" and "no title".
    static func isNone(_ value: String) -> Bool {
        guard value.utf8.count <= 4 else { return false }
        switch value.lowercased() {
        case "n/a", "na", "none", "null", "-": return true
        default: return false
        }
    }

    /// `cpe:2.3:` then 11 non-empty components separated by unescaped colons, part a, o or h. Deeper checks
    /// (character classes, escapes) are the CPE target's; this only keeps obvious garbage out.
    static func isFormattedString(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.starts(with: Array("cpe:2.3:".utf8)), bytes.count > 10 else { return false }
        guard [UInt8(ascii: "a"), UInt8(ascii: "o"), UInt8(ascii: "h")].contains(bytes[8]), bytes[9] == 0x3A else {
            return false
        }
        // The part is one component; every unescaped colon after it closes another, and the last is open.
        var components = 1
        var length = 0
        var index = 10
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index += 1
                length += 1
            case UInt8(ascii: ":"):
                guard length > 0 else { return false }
                components += 1
                length = 0
            case 0x00...0x20, 0x7F...0xFF: return false
            default: length += 1
            }
            index += 1
        }
        return components + 1 == 11 && length > 0
    }

    /// A whole, non-negative count ("1", "3", "2.0"); nil otherwise.
    static func quantity(_ value: String) -> Int? {
        var text = Substring(value)
        if text.hasSuffix(".0") { text = text.dropLast(2) }
        guard let number = Int(text), number >= 0 else { return nil }
        return number
    }

    /// Windows `ReleaseType` and `ParentKeyName` mark updates of another entry (Office patches, .NET hotfixes,
    /// KB security updates).
    static func isPatch(parentKeyName: String?, releaseType: String?) -> Bool {
        text(parentKeyName) != nil || text(releaseType) != nil
    }

    /// Windows `SystemComponent`: a DWORD, 1 when set.
    static func isSet(_ flag: String?) -> Bool {
        guard let flag = text(flag) else { return false }
        return flag != "0" && flag.lowercased() != "false"
    }
}
