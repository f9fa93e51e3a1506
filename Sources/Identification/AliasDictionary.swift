import Versioning

/// How a product alias's CPE version is derived from the row.
public enum VersionRule: String, Hashable, Sendable, CaseIterable {
    /// The row's version as it stands (Debian/RPM epochs and revisions stripped).
    case upstream
    /// Microsoft Office: the year in the name (`2019`), else the major of a 14.0/15.0 build; 16.0 without a year
    /// is ambiguous (2016, 2019, 2021 and 365 all say 16.0).
    case officeYear = "office_year"
    /// Windows: edition and build → `windows_10_22h2` … with the build as the version.
    case windowsBuild = "windows_build"
    /// Java: `8 Update 381` → `1.8.0` with update `update381` (NVD's spelling, checked against the vocabulary).
    case javaUpdate = "java_update"
    /// The target's fixed version (e.g. `-` for Microsoft 365 Apps, which NVD does not version).
    case fixed
}

/// One CPE a product alias can resolve to, and the versions for which it applies (renames).
public struct AliasTarget: Hashable, Sendable {
    public var product: ProductKey
    /// Inclusive lower and exclusive upper version bounds, for products renamed at a version.
    public var from: String?
    public var before: String?
    public var fixedVersion: String?
    public var swEdition: String?

    public init(
        product: ProductKey, from: String? = nil, before: String? = nil, fixedVersion: String? = nil,
        swEdition: String? = nil
    ) {
        self.product = product
        self.from = from
        self.before = before
        self.fixedVersion = fixedVersion
        self.swEdition = swEdition
    }

    func applies(to version: String?) -> Bool {
        guard let version else { return from == nil || before == nil }
        let row = Version(version)
        if let from, case .less = row.compare(to: Version(from)) { return false }
        if let before {
            switch row.compare(to: Version(before)) {
            case .less: break
            default: return false
            }
        }
        return true
    }
}

/// A product alias: names in any language that mean one product, and where it goes.
public struct ProductAlias: Hashable, Sendable {
    public enum Match: String, Hashable, Sendable {
        /// The alias words, then only soft words and numbers.
        case prefix
        /// The alias words and nothing but numbers.
        case exact
    }

    public var id: String
    public var names: [String]
    public var targets: [AliasTarget]
    public var match: Match
    public var versionRule: VersionRule
    public var note: String?
}

/// A vendor alias: publisher spellings and localised names of one CPE vendor.
public struct VendorAlias: Hashable, Sendable {
    public var vendor: String
    public var names: [String]
}

/// The editable alias dictionary (`Data/identification/aliases.json`): vendors and products in zh-TW, zh-CN and
/// English. Read from bytes so that a changed file takes effect without a rebuild.
public struct AliasDictionary: Sendable {
    public var version: String
    public var vendors: [VendorAlias]
    public var products: [ProductAlias]
    /// Vendors that are one company's successive names (`sun`, `oracle`, `mysql`), each mapped to the family's
    /// first vendor.
    public var vendorFamilies: [String: String] = [:]
    /// Normalised vendor name (publisher words joined) → vendor token.
    let vendorByName: [String: String]
    /// First alias word → (alias words, alias index), longest first.
    let productsByFirstWord: [String: [(words: [String], alias: Int)]]

    public init(version: String, vendors: [VendorAlias], products: [ProductAlias]) {
        self.version = version
        self.vendors = vendors
        self.products = products
        var byName: [String: String] = [:]
        for vendor in vendors {
            byName[vendor.vendor] = vendor.vendor
            for name in vendor.names {
                let words = NameNormalizer.publisherWords(name)
                byName[words.joined(separator: " ")] = vendor.vendor
                byName[NameNormalizer.normalize(name).key] = vendor.vendor
            }
        }
        vendorByName = byName
        var index: [String: [(words: [String], alias: Int)]] = [:]
        for (position, product) in products.enumerated() {
            for name in product.names {
                let words = NameNormalizer.normalize(name).words
                guard let first = words.first else { continue }
                index[first, default: []].append((words, position))
            }
        }
        for key in index.keys { index[key]?.sort { $0.words.count > $1.words.count } }
        productsByFirstWord = index
    }

    /// Whether two vendor tokens are the same company under successive names.
    public func sameFamily(_ lhs: String, _ rhs: String) -> Bool {
        lhs == rhs || (vendorFamilies[lhs] != nil && vendorFamilies[lhs] == vendorFamilies[rhs])
    }

    /// The vendor a publisher string names, if the dictionary knows it.
    public func vendor(forPublisher publisher: String) -> String? {
        let words = NameNormalizer.publisherWords(publisher)
        guard !words.isEmpty else { return nil }
        if let vendor = vendorByName[words.joined(separator: " ")] { return vendor }
        return vendorByName[NameNormalizer.normalize(publisher).key]
    }

    /// The vendor a leading run of name words names (`微软`, `trend micro`), and how many words it takes.
    func vendorPrefix(of words: [String]) -> (vendor: String, length: Int)? {
        for length in stride(from: min(3, words.count), through: 1, by: -1) {
            let key = words[0..<length].joined(separator: " ")
            if let vendor = vendorByName[key] { return (vendor, length) }
        }
        return nil
    }

    /// The compact vendors of the company family that the name's leading words (up to three) name, and those
    /// words; empty when they name no family.
    func family(namedBy words: [String]) -> (vendors: Set<String>, words: Set<String>) {
        var joined = ""
        for (length, word) in words.prefix(3).enumerated() {
            joined += CPEVocabulary.compact(word)
            guard let head = vendorFamilies[joined] else { continue }
            let members = vendorFamilies.filter { $0.value == head }.map { CPEVocabulary.compact($0.key) }
            return (Set(members), Set(words[0...length]))
        }
        return ([], [])
    }

    /// The longest product alias the name's words start with, provided what follows is only soft words and
    /// numbers (or only numbers, for exact aliases). Numbers inside the name are skipped when the alias has none
    /// (`Adobe Flash Player 32 NPAPI` is `Adobe Flash Player NPAPI`).
    public func product(for name: NormalizedName) -> (alias: ProductAlias, matchedWords: Int)? {
        let words = name.words
        guard let first = words.first, let entries = productsByFirstWord[first] else { return nil }
        let withoutNumbers = words.filter { !Self.isNumberLike($0) }
        for entry in entries {
            let alias = products[entry.alias]
            let aliasHasNumbers = entry.words.contains(where: Self.isNumberLike)
            for candidate in aliasHasNumbers ? [words] : [words, withoutNumbers]
            where candidate.count >= entry.words.count && Array(candidate[0..<entry.words.count]) == entry.words {
                let rest = candidate[entry.words.count...]
                let acceptable = rest.allSatisfy { word in
                    if Self.isNumberLike(word) { return true }
                    return alias.match == .prefix
                        && (NoiseVocabulary.softWords.contains(word) || Self.releaseWords.contains(word))
                }
                if acceptable { return (alias, entry.words.count) }
            }
        }
        return nil
    }

    /// Words editions of operating systems and suites add after the product name.
    static let releaseWords: Set<String> = [
        "datacenter", "ltsb", "iot", "workstation", "core", "r2", "education", "n", "s", "se", "dc", "mui",
    ]

    /// Digits, or a feature-update name such as `22h2`.
    static func isNumberLike(_ word: String) -> Bool {
        if word.allSatisfy(\.isNumber) { return true }
        let parts = word.split(separator: "h")
        return parts.count == 2 && parts.allSatisfy { $0.allSatisfy(\.isNumber) && !$0.isEmpty } && word.count == 4
    }
}
