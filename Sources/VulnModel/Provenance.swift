/// The kinds of source a fact can come from.
public enum FeedKind: String, Hashable, Sendable, CaseIterable {
    case nvdAPI = "nvd-api-2.0"
    case nvdFeed = "nvd-feed-1.1"
    case nvdOverride = "nvd-override"
    case cve5 = "cve5"
    case kev = "kev"
    case epss = "epss"
    /// A document that could not be read or recognised; its batch carries only diagnostics.
    case unrecognised = "unrecognised"
}

/// Where a fact came from: the kind of feed, the document (file name or URL) and, where the feed says so,
/// the organisation that asserted it (`nvd@nist.gov`, `CISA-ADP`, a CNA's short name).
public struct Provenance: Hashable, Sendable, CustomStringConvertible {
    public var kind: FeedKind
    public var document: String
    public var provider: String?

    public init(kind: FeedKind, document: String, provider: String? = nil) {
        self.kind = kind
        self.document = document
        self.provider = provider
    }

    public var description: String {
        provider.map { "\(kind.rawValue):\($0) (\(document))" } ?? "\(kind.rawValue) (\(document))"
    }
}
