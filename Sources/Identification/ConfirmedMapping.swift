/// A reviewer's decision: rows with this normalised name and publisher (and, optionally, a version pattern) are
/// this product. Applied before any alias or guess; storage is the caller's.
public struct ConfirmedMapping: Hashable, Sendable {
    /// `NormalizedName.key` of the name (`microsoft office 2019`).
    public var nameKey: String
    /// `NameNormalizer.publisherWords` joined by spaces; nil matches any publisher.
    public var publisherKey: String?
    /// A version pattern: an exact version, or a prefix ending in `*` (`16.0.*`); nil matches any version.
    public var versionPattern: String?
    public var product: ProductKey
    /// How the CPE version follows from the row's version.
    public var versionRule: VersionRule
    /// The version for `.fixed`.
    public var fixedVersion: String?
    /// Who decided, for the reason text.
    public var reviewer: String?

    public init(
        name: String, publisher: String? = nil, versionPattern: String? = nil, product: ProductKey,
        versionRule: VersionRule = .upstream, fixedVersion: String? = nil, reviewer: String? = nil
    ) {
        nameKey = NameNormalizer.normalize(name).key
        publisherKey = publisher.map { NameNormalizer.publisherWords($0).joined(separator: " ") }
        self.versionPattern = versionPattern
        self.product = product
        self.versionRule = versionRule
        self.fixedVersion = fixedVersion
        self.reviewer = reviewer
    }

    func matches(nameKey: String, publisherKey: String?, version: String?) -> Bool {
        guard nameKey == self.nameKey else { return false }
        if let expected = self.publisherKey, expected != publisherKey { return false }
        guard let pattern = versionPattern else { return true }
        guard let version else { return false }
        if pattern.hasSuffix("*") { return version.hasPrefix(pattern.dropLast()) }
        return version == pattern
    }
}
