/// A version string as found in NVD and inventories, parsed once for comparison.
public struct Version: Hashable, Sendable, CustomStringConvertible {
    public let raw: String

    public init(_ raw: String) {
        self.raw = raw
    }

    public var description: String { raw }
}

/// The result of comparing two versions. `indeterminate` is returned whenever the two strings cannot be
/// ordered honestly (different schemes, opaque tokens); it is never folded into `false`.
public enum VersionOrder: Hashable, Sendable {
    case less, equal, greater
    case indeterminate(String)
}
