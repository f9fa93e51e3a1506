import VulnModel

/// A source of the knowledge base whose freshness is tracked on its own: each is fetched or imported separately
/// and goes stale at its own pace.
public enum FeedSource: String, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case nvd
    case nvdOverrides = "nvd-overrides"
    case cve5
    case kev
    case epss

    /// The source a decoded document belongs to; nil for a document that could not be recognised.
    public init?(kind: FeedKind) {
        switch kind {
        case .nvdAPI, .nvdFeed: self = .nvd
        case .nvdOverride: self = .nvdOverrides
        case .cve5: self = .cve5
        case .kev: self = .kev
        case .epss: self = .epss
        case .unrecognised: return nil
        }
    }

    /// Whether a new document of this source is a whole catalogue that replaces the previous one (KEV, EPSS), as
    /// opposed to records that are merged per CVE, newest first.
    public var replacesWhole: Bool { self == .kev || self == .epss }

    public var description: String { rawValue }

    public static func < (lhs: FeedSource, rhs: FeedSource) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
