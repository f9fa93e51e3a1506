/// The little CPE 2.3 handling the decoders need on source strings: checking the formatted-string shape,
/// converting the CPE 2.2 URIs some CNAs write (`cpe:/a:redhat:…`), and putting a version into a name.
/// Full parsing and comparison live in the `CPE` target; this stays byte-level so that validating the
/// 300k distinct NVD criteria costs next to nothing and the decoders need no other target.
enum CPEText {
    static let componentCount = 13

    /// Whether `bytes` is a CPE 2.3 formatted string: `cpe:2.3:` then 11 non-empty attributes separated by
    /// unescaped colons, printable ASCII without spaces, part `a`, `o`, `h` or a wildcard.
    static func isFormattedString(_ bytes: some Collection<UInt8>) -> Bool {
        var fields = 1
        var fieldLength = 0
        var escaped = false
        var index = 0
        var part: UInt8 = 0
        let prefix = Array("cpe:2.3:".utf8)
        for byte in bytes {
            defer { index += 1 }
            if index < prefix.count {
                guard byte | (index < 3 ? 0x20 : 0) == prefix[index] else { return false }
                if byte == UInt8(ascii: ":") { fields += 1 }
                continue
            }
            guard byte > 0x20, byte < 0x7F else { return false }
            if escaped {
                escaped = false
                fieldLength += 1
                continue
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: ":") {
                guard fieldLength > 0 else { return false }
                fields += 1
                fieldLength = 0
            } else {
                if fields == 3 && fieldLength == 0 { part = byte }
                fieldLength += 1
            }
        }
        let validPart = [UInt8(ascii: "a"), UInt8(ascii: "o"), UInt8(ascii: "h"), UInt8(ascii: "*"), UInt8(ascii: "-")]
        return !escaped && fields == componentCount && fieldLength > 0 && validPart.contains(part)
    }

    /// The attributes of a well-formed formatted string (escapes kept), `cpe` and `2.3` included.
    static func components(_ name: String) -> [Substring] {
        var parts: [Substring] = []
        parts.reserveCapacity(componentCount)
        let utf8 = name.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        var escaped = false
        while index < utf8.endIndex {
            let byte = utf8[index]
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: ":") {
                parts.append(Substring(utf8[start..<index]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        parts.append(Substring(utf8[start...]))
        return parts
    }

    /// `name` with its version (and update, when given) replaced by already-bound values.
    static func replacing(_ name: String, version: String, update: String? = nil) -> String {
        var parts = components(name)
        guard parts.count == componentCount else { return name }
        parts[5] = Substring(version)
        if let update { parts[6] = Substring(update) }
        return parts.joined(separator: ":")
    }

    /// The version attribute of a well-formed name.
    static func version(of name: String) -> Substring? {
        let parts = components(name)
        return parts.count == componentCount ? parts[5] : nil
    }

    /// Binds a free-text version for a formatted string: `*` and `-` keep their meaning, letters, digits,
    /// `.`, `-` and `_` stand as they are, whitespace becomes `_` (a WFN has none) and anything else is
    /// escaped with `\`.
    static func bindVersion(_ version: String) -> String {
        if version == "*" || version == "-" { return version }
        var output = ""
        output.reserveCapacity(version.utf8.count)
        for scalar in version.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_": output.unicodeScalars.append(scalar)
            case " ", "\t": output.append("_")
            default:
                output.append("\\")
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Converts a CPE 2.2 URI (`cpe:/a:vendor:product:version:update:edition:language`, with the packed
    /// `~ed~sw~tsw~thw~oth` edition) to a 2.3 formatted string, per NISTIR 7695 §6.1.3 and §6.2.2.
    static func formattedString(fromURI uri: String) -> String? {
        guard uri.lowercased().hasPrefix("cpe:/") else { return nil }
        let fields = uri.dropFirst(5).split(separator: ":", omittingEmptySubsequences: false)
        guard (1...7).contains(fields.count) else { return nil }
        var values = Array(repeating: "*", count: 11)
        for (index, field) in fields.enumerated() {
            if index == 4, field.hasPrefix("~") {
                let packed = field.dropFirst().split(separator: "~", omittingEmptySubsequences: false)
                guard packed.count == 5 else { return nil }
                for (offset, item) in packed.enumerated() {
                    guard let bound = bindURIValue(item) else { return nil }
                    values[[4, 7, 8, 9, 10][offset]] = bound
                }
                continue
            }
            guard let bound = bindURIValue(field) else { return nil }
            values[index] = bound
        }
        guard ["a", "o", "h", "*"].contains(values[0]) else { return nil }
        return "cpe:2.3:" + values.joined(separator: ":")
    }

    /// One URI attribute as a formatted-string attribute: empty is ANY, `-` is NA, `%01`/`%02` are the
    /// `?`/`*` wildcards, other percent-encodings and punctuation become escaped characters.
    private static func bindURIValue(_ field: Substring) -> String? {
        if field.isEmpty { return "*" }
        if field == "-" { return "-" }
        var output = ""
        var bytes = Array(field.utf8)[...]
        while let byte = bytes.popFirst() {
            var character = byte
            if byte == UInt8(ascii: "%") {
                guard bytes.count >= 2, let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
                else { return nil }
                bytes = bytes.dropFirst(2)
                if value == 1 || value == 2 {
                    output.append(value == 1 ? "?" : "*")
                    continue
                }
                character = value
            }
            guard character > 0x20, character < 0x7F else { return nil }
            let scalar = Unicode.Scalar(character)
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_": output.unicodeScalars.append(scalar)
            default:
                output.append("\\")
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
