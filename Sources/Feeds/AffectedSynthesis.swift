import VulnModel

/// Turns CVE 5 `affected[]` entries that name CPEs into NVD-shaped configurations. The reading is literal
/// and errs towards reporting: an uncertain claim may widen what is affected, never what is excluded.
///
/// - `status: affected` with `lessThan`/`lessThanOrEqual`: a range on each CPE with version and update set
///   to `*` (the range carries the version; CNAs such as Microsoft put the *fixed* version in the CPE, and
///   the range wins). The start bound is `version` unless it is `0`, `*`, `-`, empty, `n/a` or
///   `unspecified`; `lessThan: "*"` means no upper bound. An upper bound that is not a version at all
///   (no digit: Microsoft's `publication`, a URL) leaves the CPE as written, which names the release, as
///   NVD does. `changes` split the range into affected and unaffected pieces.
/// - a plain affected `version`: a CPE whose version is `*` or `-` gets that version; a CPE that already
///   names a version stands as written (CISA lists `ie:6`, `ie:7` beside versions `6`, `7`); `*` means all
///   versions; a value with no digit (`n/a`, `various`) leaves the CPE as written.
/// - `defaultStatus: affected`: each CPE as written is affected, apart from the exceptions below.
///   `unknown`, `unaffected` or absent: only what is listed as affected.
/// - `status: unaffected` entries are exceptions (a plain version always replaces the CPE's): the entry's configuration becomes `AND(affected, NOT
///   unaffected)` — NVD's `negate` expressing "affected except these". An exception whose bounds are not
///   usable versions is dropped rather than guessed, so it cannot hide an affected version.
/// - `status: unknown` entries claim nothing.
/// - version types: none, `custom`, `semver`, `maven`, `python`, `pypi`, `npm`, `nuget`, `gem`, `go`,
///   `generic` and `rpm` are compared by the matcher; `git` (and commit hashes under any type), `rpm` builds
///   of a named `packageName` (Red Hat lists package builds under a product CPE such as
///   `cpe:/a:redhat:enterprise_linux:9`, and they do not order against that product) and anything else are
///   `unsupported_version_type` and skipped.
struct AffectedSynthesis {
    let cve: CVEID
    let context: DecodingContext

    static let comparableTypes: Set<String> = [
        "custom", "semver", "maven", "python", "pypi", "npm", "nuget", "gem", "go", "generic",
    ]
    // `rpm` is comparable too, unless the versions are builds of a named package (see above).

    /// One configuration for all entries without exceptions, one AND configuration per entry with some.
    func configurations(for entries: [CVE5Affected]) -> [Configuration] {
        var plain = OrderedMatches()
        var configurations: [Configuration] = []
        for entry in entries {
            let cpes = entry.cpes.compactMap { validCPE($0.text, offset: $0.offset) }
            guard !cpes.isEmpty else { continue }
            let (affected, unaffected) = criteria(entry, cpes: CPEForms(cpes, intern: intern))
            guard !affected.isEmpty else { continue }
            if unaffected.isEmpty {
                for criterion in affected.matches { plain.insert(criterion) }
                continue
            }
            let exceptions = unaffected.matches.map { criterion -> CPEMatch in
                var copy = criterion
                copy.vulnerable = false
                return copy
            }
            configurations.append(
                Configuration(
                    op: .and,
                    nodes: [
                        ConfigurationNode(matches: affected.matches),
                        ConfigurationNode(negate: true, matches: exceptions),
                    ]))
        }
        if !plain.isEmpty {
            configurations.insert(Configuration(nodes: [ConfigurationNode(matches: plain.matches)]), at: 0)
        }
        return configurations
    }

    /// The entry's CPEs in the forms the claims need, each computed once: CISA lists thousands of CPEs
    /// beside as many versions (Cisco IOS), so nothing here may be per (CPE, version) pair.
    struct CPEForms {
        /// As written.
        var all: [String]
        /// Those with version `*` or `-`, which a plain version fills in.
        var open: [String]
        /// Distinct names with version `*` (for `*` claims and exceptions naming a version).
        var anyVersion: [String]
        /// Distinct names with version and update `*` (for ranges).
        var rangeBases: [String]

        init(_ cpes: [String], intern: (String) -> String) {
            all = cpes
            open = cpes.filter { name in
                let version = CPEText.version(of: name)
                return version == .any || version == .notApplicable
            }
            var seen: Set<String> = []
            anyVersion = cpes.map { intern(CPEText.replacing($0, version: .any)) }.filter { seen.insert($0).inserted }
            seen = []
            rangeBases = cpes.map { intern(CPEText.replacing($0, version: .any, update: .any)) }
                .filter { seen.insert($0).inserted }
        }
    }

    private func criteria(_ entry: CVE5Affected, cpes: CPEForms) -> (OrderedMatches, OrderedMatches) {
        var affected = OrderedMatches()
        var unaffected = OrderedMatches()
        var allAsWritten = entry.defaultStatus == "affected"
        var namedAsWritten = false
        for version in entry.versions where version.status == "affected" || version.status == "unaffected" {
            guard isComparable(version, package: entry.packageName) else { continue }
            for claim in claims(version) {
                switch claim.extent {
                case .asWritten:
                    allAsWritten = true
                case .all:
                    for base in cpes.anyVersion {
                        claim.affected ? affected.insert(match(base, claim)) : unaffected.insert(match(base, claim))
                    }
                case .exact(let value):
                    guard let bound = CPEText.bindVersion(value) else {
                        context.diagnose(
                            .invalidRecord, cve: cve, offset: version.offset,
                            "version \(value) cannot be written into a CPE name")
                        continue
                    }
                    if claim.affected {
                        // A CPE that already names a version stands as written; open ones get this version.
                        namedAsWritten = true
                        for name in cpes.open {
                            affected.insert(match(CPEText.replacing(name, version: bound), claim))
                        }
                    } else {
                        // An exception must name exactly its version.
                        for base in cpes.anyVersion {
                            unaffected.insert(match(CPEText.replacing(base, version: bound), claim))
                        }
                    }
                case .range(let start, let end, let including):
                    for base in cpes.rangeBases {
                        var criterion = match(base, claim)
                        criterion.versionStartIncluding = start.map(intern)
                        if including {
                            criterion.versionEndIncluding = end.map(intern)
                        } else {
                            criterion.versionEndExcluding = end.map(intern)
                        }
                        claim.affected ? affected.insert(criterion) : unaffected.insert(criterion)
                    }
                }
            }
        }
        if allAsWritten || namedAsWritten {
            let open = Set(cpes.open)
            for name in cpes.all where allAsWritten || !open.contains(name) {
                affected.insert(CPEMatch(vulnerable: true, criteria: name))
            }
        }
        return (affected, unaffected)
    }

    // MARK: - Claims

    /// What one `versions[]` entry says, piece by piece (several pieces when `changes` split a range).
    struct Claim {
        enum Extent {
            case range(start: String?, end: String?, endIncluding: Bool)
            case exact(String)
            case all
            case asWritten
        }
        var extent: Extent
        var affected: Bool
    }

    func claims(_ version: CVE5Version) -> [Claim] {
        let affected = version.status == "affected"
        guard let upper = version.lessThan ?? version.lessThanOrEqual else {
            if version.version == "*" { return [Claim(extent: .all, affected: affected)] }
            guard Self.hasDigit(version.version) else {
                return affected ? [Claim(extent: .asWritten, affected: true)] : []
            }
            return [Claim(extent: .exact(version.version), affected: affected)]
        }
        let including = version.lessThan == nil
        let end: String? = upper == "*" ? nil : upper
        if let end, !Self.hasDigit(end) { return affected ? [Claim(extent: .asWritten, affected: true)] : [] }
        var start: String? = Self.isOpenStart(version.version) ? nil : version.version
        if let bound = start, !Self.hasDigit(bound) {
            guard affected else { return [] }
            start = nil
        }
        guard !version.changes.isEmpty else {
            return [Claim(extent: .range(start: start, end: end, endIncluding: including), affected: affected)]
        }
        var pieces: [Claim] = []
        var pieceStart = start
        var pieceAffected = affected
        for change in version.changes where Self.hasDigit(change.at) {
            if pieceStart != change.at {
                pieces.append(
                    Claim(
                        extent: .range(start: pieceStart, end: change.at, endIncluding: false), affected: pieceAffected)
                )
            }
            pieceStart = change.at
            pieceAffected = change.status == "affected"
        }
        // A change at the range's own end leaves nothing after it (Palo Alto writes `changes: [{at: end}]`).
        if pieceStart != end || including {
            pieces.append(
                Claim(extent: .range(start: pieceStart, end: end, endIncluding: including), affected: pieceAffected))
        }
        return pieces
    }

    private func match(_ criteria: String, _ claim: Claim) -> CPEMatch {
        CPEMatch(vulnerable: claim.affected, criteria: intern(criteria))
    }

    private func intern(_ string: String) -> String { context.interner.intern(string).string }

    // MARK: - Checks

    private func validCPE(_ text: String, offset: Int) -> String? {
        if CPEText.isFormattedString(text) { return text }
        if let converted = CPEText.formattedString(fromURI: text), CPEText.isFormattedString(converted) {
            return intern(converted)
        }
        context.diagnose(.malformedCPE, cve: cve, offset: offset, "not a CPE 2.3 name or 2.2 URI: \(text)")
        return nil
    }

    private func isComparable(_ version: CVE5Version, package: String?) -> Bool {
        let type = version.versionType
        let commit = [version.version, version.lessThan, version.lessThanOrEqual].contains { Self.looksLikeCommit($0) }
        let packageBuilds = type == "rpm" && package != nil
        if (type == nil || Self.comparableTypes.contains(type ?? "") || (type == "rpm" && !packageBuilds)) && !commit {
            return true
        }
        let bound = version.lessThan.map { " < \($0)" } ?? version.lessThanOrEqual.map { " <= \($0)" } ?? ""
        var shown = commit && type != "git" ? "\(type ?? "none") (commit hashes)" : type ?? "none"
        if packageBuilds, let package { shown += " (builds of package \(package), not versions of the CPE's product)" }
        context.diagnose(
            .unsupportedVersionType, cve: cve, offset: version.offset,
            "versionType \(shown): \(version.status) \(version.version)\(bound)")
        return false
    }

    static func hasDigit(_ text: String) -> Bool { text.utf8.contains { $0 &- UInt8(ascii: "0") < 10 } }

    static func isOpenStart(_ text: String) -> Bool {
        switch text.lowercased() {
        case "", "0", "*", "-", "n/a", "unspecified": true
        default: false
        }
    }

    /// 7 to 40 hex digits mixing letters and digits: an abbreviated or full commit id, not a version.
    static func looksLikeCommit(_ text: String?) -> Bool {
        guard let text, (7...40).contains(text.utf8.count) else { return false }
        var letters = false
        var digits = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits = true
            case UInt8(ascii: "a")...UInt8(ascii: "f"): letters = true
            default: return false
            }
        }
        return letters && digits
    }
}

/// Criteria in first-seen order without duplicates.
struct OrderedMatches {
    private(set) var matches: [CPEMatch] = []
    private var seen: Set<CPEMatch> = []

    var isEmpty: Bool { matches.isEmpty }

    mutating func insert(_ match: CPEMatch) {
        if seen.insert(match).inserted { matches.append(match) }
    }
}
