import Inventory

/// The CPE version (and update, edition, hardware) for a product, where it differs from what the installer says.
struct MappedVersion: Hashable, Sendable {
    var product: ProductKey
    var version: String?
    var update: String?
    var swEdition: String?
    var targetHW: String?
    var note: String
}

/// Why a version could not be mapped; becomes `version_unparsable` or `ambiguous`.
enum VersionMappingFailure: Error, Hashable, Sendable {
    case unparsable(String)
    case ambiguous(String, [ProductKey])
}

enum VersionMapper {
    /// A row's version as a CPE version: the first version-like word of the field (`2.0.0.23 (en-US)` → `2.0.0.23`),
    /// or the first version in the name. `Unknown` and the empty string are no version.
    static func rowVersion(_ field: String?, name: NormalizedName) -> String? {
        if let field {
            let trimmed = field.trimmingCharacters(in: " \t")
            let lowered = trimmed.lowercased()
            if !trimmed.isEmpty, !["unknown", "n/a", "na", "-", "*", "none", "null"].contains(lowered) {
                return String(trimmed.split(separator: " ").first ?? Substring(trimmed))
            }
        }
        return name.versions.first
    }

    /// Debian and RPM versions as upstream ones: epoch (`1:`) and packaging revision (`-3ubuntu1`, `-1.el8`,
    /// `+deb12u1`, `+dfsg`) taken off.
    static func upstream(_ version: String, format: InventoryFormat? = nil) -> String {
        var text = Substring(version)
        if let colon = text.firstIndex(of: ":"), text[..<colon].allSatisfy(\.isNumber), colon != text.startIndex {
            text = text[text.index(after: colon)...]
        }
        let packaged = format == .dpkg || format == .rpm
        if let dash = text.lastIndex(of: "-") {
            let revision = text[text.index(after: dash)...].lowercased()
            let markers = ["ubuntu", "deb", "el", "fc", "suse", "mga", "amzn", "build", "rhel"]
            if packaged || (revision.first?.isNumber == true && markers.contains { revision.contains($0) }) {
                text = text[..<dash]
            }
        }
        for marker in ["+deb", "+dfsg", "+ds", "+really", "~deb", "~bpo", "+b", "+nmu", "+ubuntu"] {
            if let range = text.firstRange(of: marker) { text = text[..<range.lowerBound] }
        }
        return String(text)
    }

    // MARK: Microsoft Office

    static let officeYears: Set<String> = ["2003", "2007", "2010", "2013", "2016", "2019", "2021", "2024"]

    static func office(_ product: ProductKey, name: NormalizedName, version: String?) throws(VersionMappingFailure)
        -> MappedVersion
    {
        if let year = name.words.first(where: officeYears.contains) {
            if name.words.contains("ltsc"), year == "2021" || year == "2024" {
                let ltsc = ProductKey(part: "a", vendor: "microsoft", product: "office_long_term_servicing_channel")
                return MappedVersion(product: ltsc, version: year, note: "Office LTSC \(year) by name")
            }
            return MappedVersion(product: product, version: year, note: "Office \(year) by name")
        }
        let major = version?.split(separator: ".").first.map(String.init)
        switch major {
        case "11": return MappedVersion(product: product, version: "2003", note: "Office 2003 from build 11.x")
        case "12": return MappedVersion(product: product, version: "2007", note: "Office 2007 from build 12.x")
        case "14": return MappedVersion(product: product, version: "2010", note: "Office 2010 from build 14.x")
        case "15": return MappedVersion(product: product, version: "2013", note: "Office 2013 from build 15.x")
        case "16":
            throw .ambiguous("Office build 16.x is 2016, 2019, 2021 or 365; the name gives no year", [product])
        case nil: return MappedVersion(product: product, version: nil, note: "Office without version or year")
        default: throw .unparsable("Office version \(version ?? "") has no known year")
        }
    }

    // MARK: Windows

    /// Build number → feature update, for Windows 10 and 11 clients (Microsoft's release information).
    static let windows10Releases: [Int: String] = [
        10240: "1507", 10586: "1511", 14393: "1607", 15063: "1703", 16299: "1709", 17134: "1803", 17763: "1809",
        18362: "1903", 18363: "1909", 19041: "2004", 19042: "20h2", 19043: "21h1", 19044: "21h2", 19045: "22h2",
    ]
    static let windows11Releases: [Int: String] = [
        22000: "21h2", 22621: "22h2", 22631: "23h2", 26100: "24h2", 26200: "25h2",
    ]
    static let serverReleases: [Int: String] = [
        14393: "windows_server_2016", 17763: "windows_server_2019", 20348: "windows_server_2022",
        25398: "windows_server_2022_23h2", 26100: "windows_server_2025",
    ]

    static func windows(name: NormalizedName, version: String?, architecture: String?) throws(VersionMappingFailure)
        -> MappedVersion
    {
        let words = name.words
        let fields = version?.split(separator: ".").compactMap { Int($0) } ?? []
        let build = fields.count >= 3 && fields[0] == 10 ? fields[2] : nil
        let hardware = architecture ?? name.architecture
        func key(_ product: String) -> ProductKey { ProductKey(part: "o", vendor: "microsoft", product: product) }
        if words.contains("server") {
            if let year = words.first(where: { ["2008", "2012", "2016", "2019", "2022", "2025"].contains($0) }) {
                let product = words.contains("r2") ? "windows_server_\(year)_r2" : "windows_server_\(year)"
                return MappedVersion(
                    product: key(product), version: version, targetHW: hardware, note: "Windows Server \(year) by name")
            }
            if let build, let product = serverReleases[build] {
                return MappedVersion(
                    product: key(product), version: version, targetHW: hardware, note: "Windows Server from build")
            }
            throw .unparsable("Windows Server without a year or known build")
        }
        guard let generation = words.first(where: { $0 == "10" || $0 == "11" }) else {
            if let legacy = words.first(where: { ["xp", "vista", "7", "8", "8.1"].contains($0) }) {
                return MappedVersion(
                    product: key("windows_\(legacy)"), version: nil, targetHW: hardware, note: "Windows \(legacy)")
            }
            throw .unparsable("Windows without a generation (10, 11) in the name")
        }
        let releases = generation == "10" ? windows10Releases : windows11Releases
        let named = words.first { word in releases.values.contains(word) }
        guard let release = named ?? build.flatMap({ releases[$0] }) else {
            return MappedVersion(
                product: key("windows_\(generation)"), version: version, targetHW: hardware,
                note: "Windows \(generation): build \(build.map(String.init) ?? "unknown") has no known release")
        }
        return MappedVersion(
            product: key("windows_\(generation)_\(release)"), version: version, targetHW: hardware,
            note: "Windows \(generation) \(release) from " + (named != nil ? "name" : "build \(build ?? 0)"))
    }

    // MARK: Java

    /// `Java 8 Update 381` → `1.8.0` + `update381`; `Java SE Development Kit 11.0.8` → `11.0.8`. The update is
    /// spelled as the vocabulary spells it for that product (`update381`, or `update_21` on old Sun entries),
    /// and the vendor (Oracle or Sun) is the one whose product has that version, Oracle first.
    static func java(
        _ product: ProductKey, name: NormalizedName, version: String?, vocabulary: CPEVocabulary
    ) throws(VersionMappingFailure) -> MappedVersion {
        let isKit = name.words.contains("jdk") || name.words.contains("development")
        let productName = isKit ? "jdk" : "jre"
        // `Java 2 Runtime Environment, SE v1.4.2_13` names its full version; `J2SE … 5.0 Update 10` its family.
        if let written = name.versions.first, written.hasPrefix("1.") {
            return pick(productName, version: written, update: nil, vocabulary: vocabulary, note: "Java \(written)")
        }
        let family =
            name.words.first { word in Int(word).map { $0 >= 5 && $0 <= 30 } ?? false }
            ?? name.versions.first?.split(separator: ".").first.map(String.init)
        guard let family, let major = Int(family) else {
            if let version, let first = version.split(separator: ".").first, let major = Int(first), major >= 9 {
                let key = ProductKey(part: "a", vendor: "oracle", product: productName)
                return MappedVersion(product: key, version: version, note: "Java \(major) by version")
            }
            throw .unparsable("Java without a release number in the name")
        }
        guard major <= 8 else {
            let release = name.versions.first ?? version ?? family
            let key = ProductKey(part: "a", vendor: "oracle", product: productName)
            return MappedVersion(product: key, version: release, note: "Java \(major)")
        }
        let base = "1.\(major).0"
        let note = "Java \(major)" + (name.update.map { " Update \($0)" } ?? "")
        return pick(productName, version: base, update: name.update, vocabulary: vocabulary, note: note)
    }

    /// The vendor whose product has this version (and update, in either spelling) in the vocabulary: Sun first
    /// for Java 5 and older, which Sun released, Oracle first from Java 6 on; Oracle when neither has it.
    private static func pick(
        _ product: String, version: String, update: String?, vocabulary: CPEVocabulary, note: String
    ) -> MappedVersion {
        let sunEra = version.hasPrefix("1.") && (Int(version.split(separator: ".").dropFirst().first ?? "") ?? 9) <= 5
        for vendor in sunEra ? ["sun", "oracle"] : ["oracle", "sun"] {
            let key = ProductKey(part: "a", vendor: vendor, product: product)
            guard let entry = vocabulary.entry(key) else { continue }
            guard let update else {
                if entry.versions.contains(version) { return MappedVersion(product: key, version: version, note: note) }
                continue
            }
            for spelling in ["update\(update)", "update_\(update)"]
            where entry.versions.contains("\(version):\(spelling)") {
                return MappedVersion(product: key, version: version, update: spelling, note: note + " (\(vendor))")
            }
        }
        let key = ProductKey(part: "a", vendor: sunEra ? "sun" : "oracle", product: product)
        return MappedVersion(product: key, version: version, update: update.map { "update\($0)" }, note: note)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
