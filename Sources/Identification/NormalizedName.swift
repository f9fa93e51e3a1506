/// A name reduced to what identifies the product: folded, tokenised, with architecture, language and edition
/// noise taken out and versions set aside.
public struct NormalizedName: Hashable, Sendable {
    /// The folded text (NFKC, case, Han variants), before noise removal.
    public var folded: String
    /// The words that name the product, in order: words, bare numbers and CJK runs, noise removed.
    public var words: [String]
    /// Versions written in the name (`138.0.1`, `23.01`), in order.
    public var versions: [String]
    /// Java's `Update 381`, when the name has it.
    public var update: String?
    /// `Build 1005`, when the name has it.
    public var build: String?
    public var architecture: String?
    public var languages: [String]
    /// Edition words found (`professional plus`, `专业增强版`): kept in `words` when Latin, removed from CJK runs.
    public var editions: [String]

    /// The words joined by single spaces: the key confirmed mappings and aliases are compared on.
    public var key: String { words.joined(separator: " ") }

    /// Whether a word is Han, kana or Hangul: such a name can only be resolved through an alias.
    public var hasCJKWords: Bool { words.contains { $0.unicodeScalars.contains(where: NameTokenizer.isCJK) } }

    public var isEmpty: Bool { words.isEmpty }
}

/// Turns installer names and publishers into `NormalizedName`s.
public enum NameNormalizer {
    public static func normalize(_ name: String) -> NormalizedName {
        let folded = TextFolding.fold(name)
        var result = NormalizedName(
            folded: folded, words: [], versions: [], update: nil, build: nil, architecture: nil, languages: [],
            editions: [])
        let tokens = NameTokenizer.tokens(folded)
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            index += 1
            switch token.kind {
            case .cjk:
                appendCJK(token.text, to: &result)
            case .version:
                result.versions.append(trimmedVersion(token.text))
            case .number:
                if let next, NoiseVocabulary.bitWords.contains(next.text), token.text == "64" || token.text == "32" {
                    result.architecture = token.text == "64" ? "x64" : "x86"
                    index += 1
                } else {
                    result.words.append(token.text)
                }
            case .word:
                var text = token.text
                // `sti-en`, `setup-zh-tw`: a language glued on with a hyphen.
                if let dash = text.lastIndex(of: "-"), !NoiseVocabulary.architectures.contains(text),
                    NoiseVocabulary.languageCodes.contains(String(text[text.index(after: dash)...])),
                    text[..<dash].count > 2, !isLanguageTag(text)
                {
                    result.languages.append(String(text[text.index(after: dash)...]))
                    text = String(text[..<dash])
                }
                // `raw_x64`, `setup-x86`: an architecture glued on.
                if !NoiseVocabulary.architectures.contains(text),
                    let cut = text.lastIndex(where: { $0 == "_" || $0 == "-" }),
                    NoiseVocabulary.architectures.contains(String(text[text.index(after: cut)...])),
                    text[..<cut].count > 1
                {
                    result.architecture = architecture(String(text[text.index(after: cut)...]))
                    text = String(text[..<cut])
                }
                if NoiseVocabulary.architectures.contains(text) {
                    result.architecture = architecture(text)
                } else if NoiseVocabulary.unambiguousLanguageWords.contains(text) || isLanguageTag(text) {
                    result.languages.append(text)
                } else if token.grouped,
                    NoiseVocabulary.languageCodes.contains(text) || NoiseVocabulary.languageWords.contains(text)
                {
                    result.languages.append(text)
                } else if text == "update" || text == "build", let next, next.kind == .number {
                    if text == "update" { result.update = next.text } else { result.build = next.text }
                    index += 1
                } else if text == "sp" || text == "service", next?.kind == .number || next?.text == "pack" {
                    index += next?.text == "pack" ? 2 : 1
                } else if !NoiseVocabulary.stopWords.contains(text) {
                    if isEditionWord(text) { result.editions.append(text) }
                    result.words.append(text)
                }
            }
        }
        return result
    }

    /// A publisher reduced to its distinguishing words: legal forms and company words removed
    /// (`Adobe Systems Incorporated` → `adobe`, `趨勢科技股份有限公司` → `趋势科技`).
    public static func publisherWords(_ publisher: String) -> [String] {
        var folded = TextFolding.fold(publisher)
        for suffix in NoiseVocabulary.hanLegalSuffixes {
            folded = folded.replacingAll(suffix, with: " ")
        }
        var words = NameTokenizer.tokens(folded).map(\.text)
        while let last = words.last, NoiseVocabulary.legalSuffixes.contains(last), words.count > 1 {
            words.removeLast()
        }
        let trimmed = words.filter {
            !NoiseVocabulary.legalSuffixes.contains($0) && !NoiseVocabulary.companyWords.contains($0)
        }
        return trimmed.isEmpty ? words : trimmed
    }

    private static func appendCJK(_ text: String, to result: inout NormalizedName) {
        var remaining = text
        for language in NoiseVocabulary.hanLanguages where remaining.contains(language) {
            remaining = remaining.replacingAll(language, with: " ")
            result.languages.append(language)
        }
        for edition in NoiseVocabulary.hanEditions where remaining.contains(edition) {
            remaining = remaining.replacingAll(edition, with: " ")
            result.editions.append(edition)
        }
        for part in remaining.split(separator: " ") where !part.isEmpty {
            result.words.append(String(part))
        }
    }

    private static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 2, NoiseVocabulary.languageCodes.contains(String(parts[0])) else { return false }
        let region = parts[1]
        return region.count == 2 || region == "hant" || region == "hans"
    }

    private static func isEditionWord(_ text: String) -> Bool { NoiseVocabulary.editionWords.contains(text) }

    private static func architecture(_ text: String) -> String {
        switch text {
        case "x86", "i386", "i686", "32-bit", "32bit", "32-bits", "32bits", "x86-bit": "x86"
        case "arm64", "aarch64": "arm64"
        case "ia64": "ia64"
        default: "x64"
        }
    }

    /// `1.0.` and `v2.4` as versions: the trailing dot dropped, a leading `v` before a digit removed.
    static func trimmedVersion(_ text: String) -> String {
        var result = Substring(text)
        if result.hasPrefix("v") { result = result.dropFirst() }
        while result.hasSuffix(".") { result = result.dropLast() }
        return String(result)
    }
}

extension String {
    /// Every occurrence of `target` replaced; no Foundation in L0.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var output = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            output += rest[..<range.lowerBound]
            output += replacement
            rest = rest[range.upperBound...]
        }
        output += rest
        return output
    }
}
