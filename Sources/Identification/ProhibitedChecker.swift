import CPE

/// A catalogue hit: which entry, its category, and what matched.
public struct ProhibitedHit: Hashable, Sendable {
    public var category: ProhibitedCategory
    public var entryID: String
    public var entryName: String
    /// `name alias …`, `publisher …` or `CPE vendor …`.
    public var matchedBy: String
}

/// Checks rows against the catalogue by name alias (whole words; CJK inside CJK words), publisher, and the CPE
/// vendor identification found. Retired entries (`status` other than `active`) are skipped.
public struct ProhibitedChecker: Sendable {
    private struct NameRule: Sendable {
        var words: [String]
        var entry: Int
        /// The entry's match mode, kept here so the loop over rules does not copy whole entries.
        var mode: ProhibitedEntry.Match
        /// Whether a word of the alias has a non-ASCII scalar: such an alias can never match a name of ASCII words
        /// (neither by equal words nor inside a CJK word), so those names skip it.
        var needsNonASCII: Bool
    }

    public let catalogue: ProhibitedCatalogue
    private let nameRules: [NameRule]
    private let publisherRules: [String: Int]

    public init(catalogue: ProhibitedCatalogue) {
        self.catalogue = catalogue
        var names: [NameRule] = []
        var publishers: [String: Int] = [:]
        for (index, entry) in catalogue.entries.enumerated() where entry.status == "active" {
            for alias in entry.aliases.names {
                let text = alias.hasSuffix(".exe") ? String(alias.dropLast(4)) : alias
                let words = NameNormalizer.normalize(text).words
                guard !words.isEmpty else { continue }
                let nonASCII = words.contains { !$0.utf8.allSatisfy { $0 < 0x80 } }
                names.append(NameRule(words: words, entry: index, mode: entry.match, needsNonASCII: nonASCII))
            }
            for publisher in entry.aliases.publishers {
                publishers[NameNormalizer.publisherWords(publisher).joined(separator: " ")] = index
            }
        }
        nameRules = names
        publisherRules = publishers
    }

    /// A checker for one entry of `catalogue` (R28: rows already stored are checked against a newly published
    /// entry alone); nil when the catalogue has no entry with that id.
    public init?(catalogue: ProhibitedCatalogue, only id: String) {
        guard let entry = catalogue.entries.first(where: { $0.id == id }) else { return nil }
        self.init(catalogue: ProhibitedCatalogue(version: catalogue.version, entries: [entry]))
    }

    /// Every entry the row hits (at most one hit per entry).
    public func check(name: String, publisher: String? = nil, cpe: CPEName? = nil) -> [ProhibitedHit] {
        let normalized = NameNormalizer.normalize(name)
        var hits: [Int: String] = [:]
        let asciiName = normalized.words.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        for rule in nameRules where hits[rule.entry] == nil && !(asciiName && rule.needsNonASCII) {
            if Self.matches(rule.words, in: normalized.words, mode: rule.mode) {
                hits[rule.entry] = "name alias \(rule.words.joined(separator: " "))"
            }
        }
        if let publisher, !publisher.isEmpty {
            let key = NameNormalizer.publisherWords(publisher).joined(separator: " ")
            if let index = publisherRules[key], hits[index] == nil { hits[index] = "publisher \(publisher)" }
        }
        if let cpe, let vendor = cpe[.vendor].logical {
            let product = cpe[.product].logical ?? ""
            for (index, entry) in catalogue.entries.enumerated()
            where entry.status == "active" && hits[index] == nil && entry.vendorMatch.contains(vendor)
                && (entry.productMatch.isEmpty || entry.productMatch.contains(product))
            {
                hits[index] = "CPE vendor \(vendor)"
            }
        }
        return hits.keys.sorted().map { index in
            let entry = catalogue.entries[index]
            return ProhibitedHit(
                category: entry.category, entryID: entry.id, entryName: entry.nameEn, matchedBy: hits[index] ?? "")
        }
    }

    static func matches(_ alias: [String], in words: [String], mode: ProhibitedEntry.Match) -> Bool {
        guard !alias.isEmpty, alias.count <= words.count || alias.count == 1 else { return false }
        switch mode {
        case .exact:
            guard words.starts(with: alias) else { return false }
            return words.dropFirst(alias.count).allSatisfy {
                $0.allSatisfy(\.isNumber) || NoiseVocabulary.softWords.contains($0)
            }
        case .prefix:
            if words.starts(with: alias) { return true }
            return alias.count == 1 && words.first.map { cjkContains($0, alias[0], atStart: true) } == true
        case .contains:
            if alias.count == 1 {
                return words.contains { $0 == alias[0] || cjkContains($0, alias[0], atStart: alias[0].count < 3) }
            }
            guard words.count >= alias.count else { return false }
            for start in 0...(words.count - alias.count) where Array(words[start..<start + alias.count]) == alias {
                return true
            }
            return false
        }
    }

    /// CJK words are not segmented, so a CJK alias is looked for inside them: anywhere when it has three or more
    /// characters, only at the start when it has two (`抖音` in `抖音直播伴侣`, but `小米` not inside `大小米粒`).
    private static func cjkContains(_ word: String, _ alias: String, atStart: Bool) -> Bool {
        guard let first = alias.unicodeScalars.first, NameTokenizer.isCJK(first), word != alias else { return false }
        return atStart ? word.hasPrefix(alias) : word.contains(alias)
    }
}
