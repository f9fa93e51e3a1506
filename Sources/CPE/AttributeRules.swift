/// The per-attribute restrictions of NISTIR 7695 §5.3.3 that go beyond the general value syntax.
enum AttributeRules {
    /// Throws when `value` is not allowed for `attribute`; `offset` is where the value starts in the input.
    static func check(_ value: CPEValue, for attribute: CPEAttribute, at offset: Int) throws(ByteFault) {
        switch attribute {
        case .part:
            switch value {
            case .any: return
            case .value("a"), .value("o"), .value("h"): return
            default: throw ByteFault(.badPart, at: offset, "part must be 'a', 'o', 'h' or ANY")
            }
        case .language:
            guard case .value(let text) = value else { return }
            guard isLanguageTag(text) else {
                throw ByteFault(.badLanguage, at: offset, "language must be an RFC 5646 tag such as 'en' or 'en-us'")
            }
        default:
            return
        }
    }

    /// `language ["-" region]` with language = 2*3ALPHA and region = 2ALPHA / 3DIGIT (NISTIR 7695 Figure 6-3), in
    /// WFN form, where the hyphen is quoted.
    private static func isLanguageTag(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count && index < 3 && ASCII.isAlpha(bytes[index]) { index += 1 }
        guard index >= 2 else { return false }
        if index == bytes.count { return true }
        guard bytes.count - index >= 4, bytes[index] == ASCII.backslash, bytes[index + 1] == ASCII.hyphen else {
            return false
        }
        let region = bytes[(index + 2)...]
        if region.count == 2 { return region.allSatisfy(ASCII.isAlpha) }
        return region.count == 3 && region.allSatisfy(ASCII.isDigit)
    }
}
