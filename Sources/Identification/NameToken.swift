/// One token of a folded name: a word (`firefox`, `7-zip`, `notepad++`, `node.js`), a bare number (`2019`), a
/// version (`138.0.1`, `v2.4`), or a run of CJK characters (`福昕阅读器`).
public struct NameToken: Hashable, Sendable {
    public enum Kind: UInt8, Hashable, Sendable {
        case word, number, version, cjk
    }

    public var text: String
    public var kind: Kind
    /// Inside brackets, or after a spaced dash (`Adobe Reader X - Français`): where installers put languages and
    /// architectures, so short codes such as `fr` or `de` count as noise only there.
    public var grouped: Bool

    public init(text: String, kind: Kind, grouped: Bool = false) {
        self.text = text
        self.kind = kind
        self.grouped = grouped
    }
}

/// Splits folded text into tokens. `.`, `-` and `_` join two word characters (`x86_64`, `23.01`, `zh-tw`);
/// trailing `+` stays on a word (`c++`); everything else separates.
enum NameTokenizer {
    static func tokens(_ folded: String) -> [NameToken] {
        var tokens: [NameToken] = []
        var current = String.UnicodeScalarView()
        var currentIsCJK = false
        var depth = 0
        var afterDash = false
        let scalars = Array(folded.unicodeScalars)

        func flush() {
            guard !current.isEmpty else { return }
            let text = String(current)
            let kind: NameToken.Kind = currentIsCJK ? .cjk : classify(text)
            tokens.append(NameToken(text: text, kind: kind, grouped: depth > 0 || afterDash))
            current = String.UnicodeScalarView()
        }

        for (index, scalar) in scalars.enumerated() {
            let cjk = isCJK(scalar)
            if cjk {
                if !currentIsCJK { flush() }
                currentIsCJK = true
                current.append(scalar)
                continue
            }
            if isWordScalar(scalar) {
                if currentIsCJK {
                    flush()
                    currentIsCJK = false
                }
                current.append(scalar)
                continue
            }
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case ".", "-", "_", "'":
                if !current.isEmpty, !currentIsCJK, let next, isWordScalar(next) {
                    current.append(scalar)
                    continue
                }
                if scalar == "-", current.isEmpty, index > 0, scalars[index - 1] == " ", next == " " {
                    afterDash = true
                }
            case "+":
                if !current.isEmpty, !currentIsCJK {
                    current.append(scalar)
                    continue
                }
            case "(", "[", "{", "（", "【":
                flush()
                depth += 1
                continue
            case ")", "]", "}", "）", "】":
                flush()
                depth = max(0, depth - 1)
                continue
            case "–", "—":
                afterDash = true
            default:
                break
            }
            flush()
            currentIsCJK = false
        }
        flush()
        return tokens
    }

    private static func classify(_ text: String) -> NameToken.Kind {
        var digits = 0
        var letters = 0
        var dots = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): letters += 1
            default: break
            }
        }
        if letters == 0 && dots == 0 && digits == text.utf8.count { return .number }
        guard let first = text.utf8.first else { return .word }
        let digitLed = first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")
        if digitLed && dots > 0 { return .version }
        if first == UInt8(ascii: "v"), text.utf8.count > 1 {
            let second = text.utf8[text.utf8.index(after: text.utf8.startIndex)]
            if second >= UInt8(ascii: "0") && second <= UInt8(ascii: "9") && (dots > 0 || letters == 1) {
                return .version
            }
        }
        return .word
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x30 && value <= 0x39) || (value >= 0x61 && value <= 0x7A)
                || (value >= 0x41 && value <= 0x5A)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
            0x20000...0x3FFFF, 0x3005, 0x3007:
            true
        default: false
        }
    }
}
