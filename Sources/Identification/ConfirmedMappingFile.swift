import CPE
import JSON

/// Reviewers' confirmed mappings as stored on disk (`format: openvans.identification.confirmed`). The raw name
/// and publisher are kept, not their normalised keys, so a later normaliser reads the same decisions the same
/// way a reviewer meant them.
public struct ConfirmedMappingFile: Hashable, Sendable {
    public static let formatName = "openvans.identification.confirmed"

    /// One decision as written.
    public struct Entry: Hashable, Sendable {
        public var name: String
        public var publisher: String?
        public var versionPattern: String?
        public var product: ProductKey
        public var versionRule: VersionRule
        public var fixedVersion: String?
        public var reviewer: String?
        /// When it was confirmed (ISO 8601), for audit only.
        public var confirmedAt: String?

        public init(
            name: String, publisher: String? = nil, versionPattern: String? = nil, product: ProductKey,
            versionRule: VersionRule = .upstream, fixedVersion: String? = nil, reviewer: String? = nil,
            confirmedAt: String? = nil
        ) {
            self.name = name
            self.publisher = publisher
            self.versionPattern = versionPattern
            self.product = product
            self.versionRule = versionRule
            self.fixedVersion = fixedVersion
            self.reviewer = reviewer
            self.confirmedAt = confirmedAt
        }

        /// A decision from a reviewer's CPE: `part:vendor:product` (the row's version is kept), or a CPE 2.3
        /// formatted string whose version, when given, is fixed. Attributes a mapping cannot carry (update,
        /// edition, language …) are refused rather than dropped.
        public init(
            name: String, publisher: String?, versionPattern: String?, cpe: String, reviewer: String?,
            confirmedAt: String?
        ) throws(DataFileError) {
            let target = try Self.target(cpe)
            self.init(
                name: name, publisher: publisher, versionPattern: versionPattern, product: target.product,
                versionRule: target.fixedVersion == nil ? .upstream : .fixed, fixedVersion: target.fixedVersion,
                reviewer: reviewer, confirmedAt: confirmedAt)
        }

        static func target(_ text: String) throws(DataFileError) -> (product: ProductKey, fixedVersion: String?) {
            if let key = ProductKey(text) { return (key, nil) }
            let name: CPEName
            do { name = try CPEName(formattedString: text) } catch {
                throw DataFileError(file: "--cpe", reason: "\(text) is neither part:vendor:product nor a CPE 2.3 name")
            }
            guard let key = CPEVocabulary.Builder.key(of: name), ["a", "o", "h"].contains(key.part) else {
                throw DataFileError(
                    file: "--cpe", reason: "\(text) needs a concrete part (a, o, h), vendor and product")
            }
            let extra = CPEAttribute.allCases.filter { attribute in
                ![.part, .vendor, .product, .version].contains(attribute) && name[attribute] != .any
            }
            guard extra.isEmpty else {
                throw DataFileError(
                    file: "--cpe",
                    reason: "a confirmed mapping keeps only vendor, product and version; \(text) also sets "
                        + extra.map { "\($0)" }.joined(separator: ", "))
            }
            switch name[.version] {
            case .any: return (key, nil)
            case .notApplicable: return (key, "-")
            case .value(let version): return (key, version)
            }
        }

        public var mapping: ConfirmedMapping {
            ConfirmedMapping(
                name: name, publisher: publisher, versionPattern: versionPattern, product: product,
                versionRule: versionRule, fixedVersion: fixedVersion, reviewer: reviewer)
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    public var mappings: [ConfirmedMapping] { entries.map(\.mapping) }

    /// Adds a decision, replacing an earlier one for the same name, publisher and version pattern (as
    /// normalised), so confirming twice does not leave two rules.
    public mutating func confirm(_ entry: Entry) {
        let mapping = entry.mapping
        entries.removeAll { existing in
            let old = existing.mapping
            return old.nameKey == mapping.nameKey && old.publisherKey == mapping.publisherKey
                && old.versionPattern == mapping.versionPattern
        }
        entries.append(entry)
    }

    public init(jsonBytes bytes: [UInt8], file: String = "confirmed.json") throws(DataFileError) {
        let root: JSONTree
        do { root = try JSONTree.parse(bytes) } catch { throw DataFileError(file: file, reason: "\(error)") }
        guard root["format"]?.string == Self.formatName else {
            throw DataFileError(file: file, reason: "format is not \(Self.formatName)")
        }
        var entries: [Entry] = []
        for (position, node) in (root["mappings"]?.elements ?? []).enumerated() {
            let place = "mappings[\(position)]"
            guard let name = node["name"]?.string, !name.isEmpty else {
                throw DataFileError(file: file, reason: "\(place) has no name")
            }
            guard let cpe = node["cpe"]?.string, let product = ProductKey(cpe) else {
                throw DataFileError(file: file, reason: "\(place): cpe is not part:vendor:product")
            }
            let ruleText = node["version_rule"]?.string ?? "upstream"
            guard let rule = VersionRule(rawValue: ruleText) else {
                throw DataFileError(file: file, reason: "\(place): unknown version_rule \(ruleText)")
            }
            let fixed = node["version"]?.string
            guard rule != .fixed || fixed != nil else {
                throw DataFileError(file: file, reason: "\(place): version_rule fixed needs a version")
            }
            entries.append(
                Entry(
                    name: name, publisher: node["publisher"]?.string, versionPattern: node["version_pattern"]?.string,
                    product: product, versionRule: rule, fixedVersion: fixed, reviewer: node["reviewer"]?.string,
                    confirmedAt: node["confirmed_at"]?.string))
        }
        self.init(entries: entries)
    }

    /// The file's text: one mapping per line, so a version-controlled file diffs by decision.
    public func jsonBytes() -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("format")
        writer.string(Self.formatName)
        writer.key("mappings")
        writer.beginArray()
        for entry in entries {
            writer.newline()
            writer.beginObject()
            writer.key("name")
            writer.string(entry.name)
            for (key, value) in [
                ("publisher", entry.publisher), ("version_pattern", entry.versionPattern),
                ("cpe", entry.product.description), ("version_rule", entry.versionRule.rawValue),
                ("version", entry.fixedVersion), ("reviewer", entry.reviewer), ("confirmed_at", entry.confirmedAt),
            ] {
                guard let value else { continue }
                writer.key(key)
                writer.string(value)
            }
            writer.endObject()
        }
        writer.newline()
        writer.endArray()
        writer.endObject()
        writer.newline()
        return writer.take()
    }
}
