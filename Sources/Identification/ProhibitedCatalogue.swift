import JSON

/// The categories of DOMAIN.md §2.5.
public enum ProhibitedCategory: String, Hashable, Sendable, CaseIterable, Comparable {
    case mainlandBrandHardware = "mainland_brand_hw"
    case mainlandBrandSoftware = "mainland_brand_sw"
    case mainlandServiceApp = "mainland_service_app"
    case genAIService = "genai_service"
    case nonOfficialSoftware = "non_official_sw"
    case externalNetworkDevice = "external_network_device"
    case remoteAccessTool = "remote_access_tool"
    case p2p
    case otherConcern = "other_concern"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One catalogue entry (`ProhibitedProductEntry`, DOMAIN.md §2.5).
public struct ProhibitedEntry: Hashable, Sendable {
    public enum Match: String, Hashable, Sendable {
        /// Alias words anywhere in the name.
        case contains
        /// The name starts with the alias.
        case prefix
        /// The alias, then only editions, generic words and numbers.
        case exact
    }

    public struct Aliases: Hashable, Sendable {
        public var zhHant: [String]
        public var zhHans: [String]
        public var en: [String]
        public var pinyin: [String]
        public var executables: [String]
        public var publishers: [String]

        /// Every name alias (not publishers): what a row's name is compared with.
        public var names: [String] { zhHant + zhHans + en + pinyin + executables }
    }

    public var id: String
    public var nameZh: String
    public var nameEn: String
    public var category: ProhibitedCategory
    public var match: Match
    public var aliases: Aliases
    /// CPE vendor tokens; empty when NVD has none.
    public var vendorMatch: [String]
    /// CPE product tokens; empty means the whole brand.
    public var productMatch: [String]
    public var legalBasis: String
    /// The DOMAIN.md §2.1 timeline row (its date).
    public var timelineRef: String?
    public var sourceURL: String
    /// `official` or `secondary`.
    public var sourceType: String
    public var effectiveFrom: String?
    public var retiredAt: String?
    public var status: String
    public var notes: String?
}

/// The versioned catalogue of prohibited and non-official software (`Data/identification/prohibited-catalogue.json`).
public struct ProhibitedCatalogue: Sendable {
    public static let formatName = "openvans.identification.prohibited-catalogue"

    public var version: String
    public var entries: [ProhibitedEntry]

    public init(version: String, entries: [ProhibitedEntry]) {
        self.version = version
        self.entries = entries
    }

    public init(jsonBytes bytes: [UInt8], file: String = "prohibited-catalogue.json") throws(DataFileError) {
        let root: JSONTree
        do { root = try JSONTree.parse(bytes) } catch { throw DataFileError(file: file, reason: "\(error)") }
        guard root["format"]?.string == Self.formatName else {
            throw DataFileError(file: file, reason: "format is not \(Self.formatName)")
        }
        guard let version = root["version"]?.string else { throw DataFileError(file: file, reason: "no version") }
        var entries: [ProhibitedEntry] = []
        for (position, node) in (root["entries"]?.elements ?? []).enumerated() {
            let id = node["id"]?.string ?? "entries[\(position)]"
            guard let categoryText = node["category"]?.string, let category = ProhibitedCategory(rawValue: categoryText)
            else { throw DataFileError(file: file, reason: "\(id): unknown category") }
            guard let match = ProhibitedEntry.Match(rawValue: node["match"]?.string ?? "contains") else {
                throw DataFileError(file: file, reason: "\(id): match must be contains, prefix or exact")
            }
            guard let sourceURL = node["source_url"]?.string, let sourceType = node["source_type"]?.string,
                ["official", "secondary"].contains(sourceType)
            else { throw DataFileError(file: file, reason: "\(id): needs source_url and source_type") }
            let aliases = node["aliases"]
            entries.append(
                ProhibitedEntry(
                    id: id, nameZh: node["name_zh"]?.string ?? "", nameEn: node["name_en"]?.string ?? "",
                    category: category, match: match,
                    aliases: ProhibitedEntry.Aliases(
                        zhHant: aliases?["zh_hant"]?.strings ?? [], zhHans: aliases?["zh_hans"]?.strings ?? [],
                        en: aliases?["en"]?.strings ?? [], pinyin: aliases?["pinyin"]?.strings ?? [],
                        executables: aliases?["executables"]?.strings ?? [],
                        publishers: aliases?["publishers"]?.strings ?? []),
                    vendorMatch: node["vendor_match"]?.strings ?? [],
                    productMatch: node["product_match"]?.strings ?? [],
                    legalBasis: node["legal_basis"]?.string ?? "", timelineRef: node["timeline_ref"]?.string,
                    sourceURL: sourceURL, sourceType: sourceType, effectiveFrom: node["effective_from"]?.string,
                    retiredAt: node["retired_at"]?.string, status: node["status"]?.string ?? "active",
                    notes: node["notes"]?.string))
        }
        self.init(version: version, entries: entries)
    }
}
