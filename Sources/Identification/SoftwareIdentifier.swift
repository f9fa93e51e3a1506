import CPE
import Inventory

/// Turns an inventory row (name, publisher, version, or a given CPE) into a `Resolution`. In order: a CPE the
/// row carries (validated, never replaced), a reviewer's confirmed mapping, the alias dictionary, then scoring
/// against the CPE vocabulary. Precision comes first: a vocabulary answer needs a clear score and a clear
/// margin, because a confident wrong CPE is worse than none.
public struct SoftwareIdentifier: Sendable {
    /// Acceptance rules for vocabulary matches.
    public struct Thresholds: Hashable, Sendable {
        /// The least score accepted (see `CandidateScorer` for how scores are made).
        public var accept: Double
        /// The least lead over the best product of another name.
        public var margin: Double

        public init(accept: Double = 0.8, margin: Double = 0.06) {
            self.accept = accept
            self.margin = margin
        }
    }

    public let vocabulary: CPEVocabulary
    public let aliases: AliasDictionary
    public let confirmed: [ConfirmedMapping]
    public let thresholds: Thresholds
    private let confirmedByName: [String: [ConfirmedMapping]]

    public init(
        vocabulary: CPEVocabulary, aliases: AliasDictionary, confirmed: [ConfirmedMapping] = [],
        thresholds: Thresholds = Thresholds()
    ) {
        self.vocabulary = vocabulary
        self.aliases = aliases
        self.confirmed = confirmed
        self.thresholds = thresholds
        confirmedByName = Dictionary(grouping: confirmed, by: \.nameKey)
    }

    public func identify(_ record: InventoryRecord) -> Resolution {
        identify(
            name: record.name, publisher: record.publisher, version: record.version, cpe: record.cpe,
            architecture: record.architecture, format: record.format)
    }

    public func identify(
        name rawName: String, publisher: String? = nil, version rawVersion: String? = nil, cpe: String? = nil,
        architecture: String? = nil, format: InventoryFormat? = nil
    ) -> Resolution {
        if let cpe, !cpe.isEmpty, cpe.uppercased() != "N/A" { return validate(cpe) }
        let name = NameNormalizer.normalize(rawName)
        guard !name.isEmpty else { return .failed(.emptyName, "the name has no words once noise is removed") }
        let version = VersionMapper.rowVersion(rawVersion, name: name).map {
            VersionMapper.upstream($0, format: format)
        }
        let publisherKey = publisher.map { NameNormalizer.publisherWords($0).joined(separator: " ") }
        let hardware = architecture.map { NameNormalizer.normalize($0).architecture ?? $0.lowercased() }

        for mapping in confirmedByName[name.key] ?? []
        where mapping.matches(nameKey: name.key, publisherKey: publisherKey, version: version) {
            let rule = mapping.versionRule
            let target = AliasTarget(product: mapping.product, fixedVersion: mapping.fixedVersion)
            let who = mapping.reviewer.map { " by \($0)" } ?? ""
            return build(
                target, rule: rule, name: name, version: version, hardware: hardware, method: .confirmed,
                confidence: 1, reason: "confirmed mapping\(who)", alternates: [])
        }

        if let patch = Self.patchEntry(name) {
            return .failed(
                .noCPEExists, "an update or hotfix entry (\(patch)), not a product; it has no CPE of its own")
        }
        let publisherVendors = vendors(forPublisher: publisher)
        if let (alias, _) = aliases.product(for: name) {
            let vendorsOfAlias = Set(alias.targets.map { CPEVocabulary.compact($0.product.vendor) })
            let contradicted =
                !publisherVendors.isEmpty
                && publisherVendors.allSatisfy { !vendorsOfAlias.contains(CPEVocabulary.compact($0)) }
            if !contradicted {
                let target = alias.targets.first { $0.applies(to: version) } ?? alias.targets[0]
                let confidence = alias.match == .exact ? 0.95 : 0.9
                return build(
                    target, rule: alias.versionRule, name: name, version: version, hardware: hardware,
                    method: .alias, confidence: confidence, reason: "alias \(alias.id)", alternates: [])
            }
        }

        let scorer = CandidateScorer(vocabulary: vocabulary)
        let row = CandidateScorer.Row(
            name: name, version: version, publisherVendors: publisherVendors,
            nameVendor: aliases.vendorPrefix(of: name.words), family: aliases.family(namedBy: name.words))
        let candidates = scorer.candidates(for: row)
        var alternates = candidates.map { scored in
            let candidate = scored.candidate
            return Candidate(
                product: candidate.product, score: min(1, max(0, candidate.score)), evidence: candidate.evidence)
        }
        guard var best = candidates.first, best.score >= thresholds.accept else {
            return unresolved(name: name, row: row, alternates: alternates)
        }
        var tieBreak = ""
        if candidates.count > 1, best.score - candidates[1].score < thresholds.margin {
            if let (winner, reason) = closeCall(best, candidates[1]) {
                tieBreak = "; " + reason
                if winner.product != best.product { alternates.swapAt(0, 1) }
                best = winner
            } else {
                return .failed(
                    .ambiguous, "\(best.product) and \(candidates[1].product) score within \(thresholds.margin)",
                    alternates: alternates)
            }
        }
        let rule = Self.builtInRule(for: best.product)
        return build(
            AliasTarget(product: best.product), rule: rule, name: name, version: version, hardware: hardware,
            method: .vocabulary, confidence: min(1, best.score),
            reason: "vocabulary: \(best.candidate.evidence)\(tieBreak)",
            alternates: Array(alternates.dropFirst()))
    }

    /// A CPE given in the row: kept if well-formed (formatted string or URI), refused with a reason if not.
    func validate(_ text: String) -> Resolution {
        let trimmed = text.trimmingCharacters(in: " \t")
        do {
            let name =
                trimmed.lowercased().hasPrefix("cpe:/")
                ? try CPEName(uri: trimmed) : try CPEName(formattedString: trimmed)
            guard case .value(let part) = name[.part], ["a", "o", "h"].contains(part) else {
                return .failed(.malformedCPE, "CPE part must be a, o or h: \(trimmed)")
            }
            return Resolution(cpe: name, confidence: 1, method: .givenCPE, reason: "CPE given in the row")
        } catch {
            return .failed(.malformedCPE, "\(error.kind.rawValue): \(error.description)")
        }
    }

    private func vendors(forPublisher publisher: String?) -> Set<String> {
        guard let publisher, !publisher.isEmpty else { return [] }
        if let vendor = aliases.vendor(forPublisher: publisher) { return [vendor] }
        let words = NameNormalizer.publisherWords(publisher)
        var found: Set<String> = []
        for length in stride(from: min(3, words.count), through: 1, by: -1) {
            let compact = CPEVocabulary.compact(words[0..<length].joined())
            if compact.count >= 3, vocabulary.hasVendor(compact) {
                found.insert(compact)
                break
            }
        }
        return found
    }

    private func unresolved(name: NormalizedName, row: CandidateScorer.Row, alternates: [Candidate]) -> Resolution {
        if name.hasCJKWords {
            return .failed(.zhNameNoAlias, "no alias for \(name.key)", alternates: alternates)
        }
        let vendorKnown =
            !row.publisherVendors.isEmpty || row.nameVendor != nil
            || (name.words.first.map { vocabulary.hasVendor($0) } ?? false)
        if !vendorKnown && alternates.allSatisfy({ $0.score < 0.5 }) {
            return .failed(.vendorUnknown, "no known vendor in publisher or name", alternates: alternates)
        }
        let best = alternates.first.map { "best \($0.product) at \(($0.score * 100).rounded() / 100)" } ?? "no product"
        return .failed(.noCPEExists, "no product fits well enough (\(best))", alternates: alternates)
    }

    /// Windows Update and Office update entries (`Security Update for … (KB2598039)`): they name a patch, and a
    /// CPE for the product they patch would be a guess about the product's version.
    static func patchEntry(_ name: NormalizedName) -> String? {
        let kb = name.words.first { $0.hasPrefix("kb") && $0.dropFirst(2).first?.isNumber == true }
        let leads = ["security", "hotfix", "update", "definition", "service"]
        guard let kb, let first = name.words.first, leads.contains(first) || name.words.count <= 3 else { return nil }
        return kb.uppercased()
    }

    /// Two close candidates of one vendor (or vendor family) where one answer is right after all, and which:
    /// the same letters and digits (`mysql_connector_net` and `mysql_connector\/net`); the same product with the
    /// vendor's name in front (adobe:air and adobe:adobe_air); one whose spelling is the other's plus more of the
    /// name, and explains all of it (`MySQL Tools`: mysql_tools over mysql; `Google Earth Plug-in`: earth_plug-in
    /// over earth); the one vulnerability data names; the one whose own id, not just a dictionary title, spells
    /// the name. Anything else stays ambiguous.
    func closeCall(
        _ best: CandidateScorer.Scored, _ second: CandidateScorer.Scored
    ) -> (winner: CandidateScorer.Scored, reason: String)? {
        guard aliases.sameFamily(best.product.vendor, second.product.vendor), best.product.part == second.product.part
        else { return nil }
        let bestCompact = CPEVocabulary.compact(best.product.product)
        let secondCompact = CPEVocabulary.compact(second.product.product)
        if bestCompact == secondCompact {
            return (best, "\(second.product) is the same product under another spelling or vendor name")
        }
        guard best.product.vendor == second.product.vendor else { return nil }
        // NVD files some products both bare and with the vendor's name in front (adobe:air, adobe:adobe_air).
        let vendorCompact = CPEVocabulary.compact(best.product.vendor)
        if bestCompact == vendorCompact + secondCompact || secondCompact == vendorCompact + bestCompact {
            return (best, "\(second.product) is the same product with the vendor's name in front")
        }
        let bestWords = Set(best.spelling)
        let secondWords = Set(second.spelling)
        // Only when the more specific product explains the whole name: `Creative Suite 4 Deployment Toolkit` is
        // not creative_suite_4 just because creative_suite says less.
        if secondWords.isStrictSuperset(of: bestWords), second.complete, second.score >= thresholds.accept {
            return (second, "\(second.product) names more of the name than \(best.product)")
        }
        if bestWords.isStrictSuperset(of: secondWords), best.complete {
            return (best, "\(best.product) names more of the name than \(second.product)")
        }
        let bestEntry = vocabulary.entry(best.product)
        let secondEntry = vocabulary.entry(second.product)
        if (bestEntry?.cveCount ?? 0) > 0, (secondEntry?.cveCount ?? 0) == 0 {
            return (best, "preferred to \(second.product), which no CVE names")
        }
        // Only a dictionary title spells the name for the runner-up, with a version left in it (`Adobe Photoshop
        // CS5 12.1` for photoshop_cs5.1); the leader's own id spells it.
        if best.score - second.score >= CandidateScorer.idSpellingBonus / 2, best.byID, !second.byID {
            return (best, "\(best.product) is spelt by its id, \(second.product) only by a dictionary title")
        }
        return nil
    }

    static func builtInRule(for product: ProductKey) -> VersionRule {
        switch (product.vendor, product.product) {
        case ("microsoft", "office"): .officeYear
        case ("oracle", "jre"), ("oracle", "jdk"), ("sun", "jre"), ("sun", "jdk"): .javaUpdate
        default: .upstream
        }
    }
}
