/// Scores vocabulary products against a row. The score is built so that its parts can be read back:
///
/// - **Name (0.55–0.90).** A spelling of the product (its id's words, or a dictionary title's words) counts only
///   if the row's name contains every one of its words that is not soft; then 0.55, plus 0.35 × the share of the
///   name's strong words (neither soft nor numbers, vendor words taken out) that the spelling explains. A
///   spelling whose strong words are not all in the name scores 0.3 × its covered share, far below acceptance;
///   one that leaves two or more of the name's strong words unexplained at most 0.55, below it too; one with an
///   edition word the name lacks, when the name has another edition (`standard` for `… Premium`), not at all.
/// - **Order (+0.05)** when the spelling is the start of what follows the vendor (`Flash Player 11 ActiveX`).
/// - **Soft words** (+0.02 each matched, −0.08 each a spelling has and the name lacks) break ties such as
///   `firefox` against `firefox_esr`.
/// - **Id (+0.01)** when the winning spelling is the product's own id, not a dictionary title (ties only).
/// - **Vendor (−0.25 to +0.15).** +0.1 when the name spells the vendor, or a sibling vendor of its company family
///   for a product that is more than the family's word; +0.1 when the publisher names it (at most +0.15
///   together); −0.25 when the publisher names another vendor the vocabulary knows; −0.05 when nothing speaks for
///   the vendor.
/// - **Version (+0.05)** when the row's version is one the vocabulary has for the product, and +0.02 when the
///   product occurs in vulnerability data at all.
struct CandidateScorer {
    struct Row {
        var name: NormalizedName
        var version: String?
        /// Vendors the publisher names (alias dictionary or vocabulary); empty when unknown or absent.
        var publisherVendors: Set<String>
        /// Vendor named by the leading words of the name through the alias dictionary (`微软`, `trend micro`).
        var nameVendor: (vendor: String, length: Int)?
        /// Compact vendors of the company family the name's leading words name (`mysql` → oracle, sun, mysql), and
        /// those leading words: MySQL Documents is oracle:mysql_documents though the name never says Oracle.
        var family: (vendors: Set<String>, words: Set<String>)

        init(
            name: NormalizedName, version: String?, publisherVendors: Set<String>,
            nameVendor: (vendor: String, length: Int)?, family: (vendors: Set<String>, words: Set<String>) = ([], [])
        ) {
            self.name = name
            self.version = version
            self.publisherVendors = publisherVendors
            self.nameVendor = nameVendor
            self.family = family
            publisherCompacts = Set(publisherVendors.map(CPEVocabulary.compact))
            nameVendorCompact = nameVendor.map { CPEVocabulary.compact($0.vendor) }
            leadingCompacts = Self.prefixCompacts(name.words)
        }

        let publisherCompacts: Set<String>
        let nameVendorCompact: String?
        /// Compact text of the first one, two and three words: compared with each candidate's vendor.
        let leadingCompacts: [String]

        static func prefixCompacts(_ words: [String]) -> [String] {
            var result: [String] = []
            var joined = ""
            for word in words.prefix(3) {
                joined += CPEVocabulary.compact(word)
                result.append(joined)
            }
            return result
        }
    }

    /// A scored product and the spelling that won it, for deciding close calls.
    struct Scored {
        var candidate: Candidate
        /// The words of the product's best spelling.
        var spelling: [String]
        /// Whether that spelling is the product's own CPE id (not a dictionary title).
        var byID: Bool
        /// Whether the spelling's words are all in the name and explain every strong word of it.
        var complete: Bool

        var product: ProductKey { candidate.product }
        var score: Double { candidate.score }
    }

    let vocabulary: CPEVocabulary

    /// Products sharing a strong word with the name (the rarest few words, so `server` does not pull in
    /// thousands), scored and sorted, best first.
    func candidates(for row: Row, limit: Int = 5) -> [Scored] {
        var words = row.name.words.filter { !NoiseVocabulary.softWords.contains($0) && !$0.allSatisfy(\.isNumber) }
        if words.isEmpty { words = row.name.words }
        let postings = words.compactMap { vocabulary.byWord[$0] }.sorted { $0.count < $1.count }
        // A product must contain every strong word of one of its spellings, so the rarest name words find it;
        // the next rarest is added only while the pool stays small (cost is linear in the pool).
        var seen: Set<Int32> = []
        for list in postings.prefix(3) where list.count <= 20_000 {
            if !seen.isEmpty && seen.count + list.count > 3_000 { break }
            seen.formUnion(list)
        }
        var scored: [Scored] = []
        scored.reserveCapacity(seen.count)
        for id in seen {
            let entry = vocabulary.entries[Int(id)]
            if let candidate = score(entry, row) { scored.append(candidate) }
        }
        scored.sort { ($0.score, $1.product) > ($1.score, $0.product) }
        return Array(scored.prefix(limit))
    }

    func score(_ entry: CPEVocabulary.Entry, _ row: Row) -> Scored? {
        var nameWords = row.name.words
        var vendorInName = false
        if let prefix = row.nameVendor, row.nameVendorCompact == entry.vendorCompact {
            nameWords.removeFirst(prefix.length)
            vendorInName = true
        }
        if !vendorInName, let first = nameWords.first, entry.vendorWords.contains(first) {
            nameWords.removeFirst()
            vendorInName = true
        }
        if !vendorInName, let length = row.leadingCompacts.firstIndex(of: entry.vendorCompact) {
            nameWords.removeFirst(length + 1)
            vendorInName = true
        }
        // A product named after its vendor (`postgresql`, `wireshark`): the vendor words are the product words.
        if nameWords.isEmpty { nameWords = row.name.words }
        var best: (score: Double, evidence: String, spelling: [String], byID: Bool, complete: Bool)?
        // The vendor's words may also be the product's (`MySQL Server` is mysql:mysql): try the name both ways.
        let readings = vendorInName && nameWords != row.name.words ? [nameWords, row.name.words] : [nameWords]
        for (position, spelling) in entry.spellings.enumerated() {
            for reading in readings {
                guard var result = Self.nameScore(spelling: spelling, nameWords: reading) else { continue }
                // The product's own id spelling the name outranks a dictionary title that spells it the same way
                // (`Photoshop CS5` is photoshop_cs5, though photoshop_cs5.1's title reads `Adobe Photoshop CS5 12.1`).
                if position == 0 { result.score += Self.idSpellingBonus }
                if best == nil || result.score > best?.score ?? 0 {
                    best = (result.score, result.evidence, spelling, position == 0, result.complete)
                }
            }
        }
        guard let best else { return nil }
        var (score, evidence) = (best.score, best.evidence)
        if !best.byID { evidence += " (title)" }
        let publisherAgrees = row.publisherCompacts.contains(entry.vendorCompact)
        // A sibling vendor of the company the name starts with speaks for the product only when the product is
        // more than that word: oracle:mysql_documents for `MySQL Documents`, but not oracle:mysql for `MySQL Notifier`.
        let familyInName =
            !vendorInName && row.family.vendors.contains(entry.vendorCompact)
            && best.spelling.contains { !row.family.words.contains($0) }
        var vendorBonus = 0.0
        if vendorInName || familyInName { vendorBonus += 0.1 }
        if publisherAgrees { vendorBonus += 0.1 }
        if !row.publisherVendors.isEmpty && !publisherAgrees {
            score -= 0.25
            evidence += ", publisher names another vendor"
        } else if vendorBonus == 0 {
            score -= 0.05
            evidence += ", no vendor evidence"
        } else {
            evidence += vendorInName ? ", vendor in name" : ""
            evidence += familyInName ? ", vendor's company in name" : ""
            evidence += publisherAgrees ? ", publisher agrees" : ""
        }
        score += min(0.15, vendorBonus)
        if let version = row.version?.lowercased(), entry.versions.contains(version) {
            score += 0.05
            evidence += ", version known"
        }
        if entry.cveCount > 0 { score += 0.02 }
        return Scored(
            candidate: Candidate(product: entry.key, score: score, evidence: evidence), spelling: best.spelling,
            byID: best.byID, complete: best.complete)
    }

    /// With every bonus (at most +0.22) still under the 0.8 acceptance.
    static let manyUnexplainedCap = 0.55

    /// Small enough to decide only between spellings that are otherwise equal.
    static let idSpellingBonus = 0.01

    /// The name score of one spelling against one reading of the name; `complete` when the spelling's words are
    /// all in the name and explain every strong word of it.
    static func nameScore(
        spelling: [String], nameWords: [String]
    ) -> (score: Double, evidence: String, complete: Bool)? {
        let present = Set(nameWords)
        var missingStrong = 0
        var missingSoft = 0
        var matchedSoft = 0
        for word in spelling {
            let soft = NoiseVocabulary.softWords.contains(word)
            if present.contains(word) {
                if soft { matchedSoft += 1 }
            } else if soft {
                missingSoft += 1
            } else {
                missingStrong += 1
            }
        }
        let spellingSet = Set(spelling)
        if missingStrong > 0 {
            let covered = Double(spelling.count - missingStrong - missingSoft) / Double(max(1, spelling.count))
            guard covered > 0 else { return nil }
            return (0.3 * covered, "partial: \(spelling.joined(separator: " "))", false)
        }
        guard spelling.count > missingSoft else { return nil }
        // `Creative Suite 5 Design Premium` is not creative_suite_5_design_standard: another edition of the product.
        // (Edition words are soft, so only a spelling with a missing soft word can have one; `express` is strong.)
        if missingSoft > 0,
            spelling.contains(where: { NoiseVocabulary.editionWords.contains($0) && !present.contains($0) }),
            nameWords.contains(where: { NoiseVocabulary.editionWords.contains($0) && !spellingSet.contains($0) })
        {
            return nil
        }
        let strongName = nameWords.filter { !NoiseVocabulary.softWords.contains($0) && !$0.allSatisfy(\.isNumber) }
        let explained = strongName.filter(spellingSet.contains).count
        var score = 0.55 + 0.35 * (strongName.isEmpty ? 1 : Double(explained) / Double(strongName.count))
        if nameWords.starts(with: spelling) { score += 0.05 }
        score += 0.02 * Double(matchedSoft) - 0.08 * Double(missingSoft)
        // Soft words the spelling leaves unexplained cost a little, so `MySQL Tools` prefers mysql_tools to mysql.
        let looseSoft = nameWords.filter {
            NoiseVocabulary.softWords.contains($0) && !spellingSet.contains($0) && !$0.allSatisfy(\.isNumber)
        }
        score -= 0.02 * Double(looseSoft.count)
        let unexplained = strongName.filter { !spellingSet.contains($0) }
        // Two or more words no part of the spelling explains: the name is about something else that carries the
        // product's name (a content pack, a sync tool, a toolkit), so the candidate stays below acceptance.
        if unexplained.count >= 2 { score = min(score, Self.manyUnexplainedCap) }
        var evidence = "name: \(spelling.joined(separator: " "))"
        if !unexplained.isEmpty { evidence += " (unexplained: \(unexplained.joined(separator: " ")))" }
        return (score, evidence, unexplained.isEmpty && missingSoft == 0)
    }
}
