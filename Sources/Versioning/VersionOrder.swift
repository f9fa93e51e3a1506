/// The result of comparing two versions. `indeterminate` is returned whenever the two strings cannot be
/// ordered honestly (different schemes, opaque tokens); it is never folded into `false`.
public enum VersionOrder: Hashable, Sendable {
    case less, equal, greater
    case indeterminate(String)

    /// The same comparison seen from the other side; an indeterminate answer keeps its reason.
    public var reversed: VersionOrder {
        switch self {
        case .less: .greater
        case .greater: .less
        case .equal, .indeterminate: self
        }
    }
}
