/// Whether a version lies in a range. `indeterminate` carries the reason a needed comparison could not be made.
public enum RangeMembership: Hashable, Sendable {
    case inside, outside
    case indeterminate(String)
}

/// The version bounds of an NVD match criterion (`versionStartIncluding` … `versionEndExcluding`).
///
/// A missing bound is open. A version is `outside` as soon as one bound definitely excludes it, even if the other
/// bound could not be compared: a version known to be above the end is not affected whatever its start says.
/// Otherwise any indeterminate comparison makes the answer indeterminate.
public struct VersionRange: Hashable, Sendable {
    public enum Bound: Hashable, Sendable {
        case including(Version)
        case excluding(Version)

        public var version: Version {
            switch self {
            case .including(let version), .excluding(let version): version
            }
        }
    }

    public let start: Bound?
    public let end: Bound?
    /// Set when the source gave both an including and an excluding value for one side, which NVD never should;
    /// every membership question about such a range is indeterminate rather than guessed.
    public let malformation: String?

    /// A range from its bounds; `malformation`, when given, makes every membership question indeterminate.
    public init(start: Bound?, end: Bound?, malformation: String? = nil) {
        self.start = start
        self.end = end
        self.malformation = malformation
    }

    /// The four NVD fields as they appear in a criterion. An empty string is kept as a bound, and since it has no
    /// version content every comparison against it is indeterminate.
    public init(startIncluding: String?, startExcluding: String?, endIncluding: String?, endExcluding: String?) {
        start = Self.bound(including: startIncluding, excluding: startExcluding)
        end = Self.bound(including: endIncluding, excluding: endExcluding)
        var problems: [String] = []
        if let startIncluding, let startExcluding {
            problems.append(
                "both versionStartIncluding \"\(startIncluding)\" and versionStartExcluding \"\(startExcluding)\"")
        }
        if let endIncluding, let endExcluding {
            problems.append("both versionEndIncluding \"\(endIncluding)\" and versionEndExcluding \"\(endExcluding)\"")
        }
        malformation = problems.isEmpty ? nil : "range has " + problems.joined(separator: " and ")
    }

    /// An exact criterion as a range: the version itself, both ends included.
    public init(exactly version: Version) {
        self.init(start: .including(version), end: .including(version))
    }

    private static func bound(including: String?, excluding: String?) -> Bound? {
        if let including { return .including(Version(including)) }
        if let excluding { return .excluding(Version(excluding)) }
        return nil
    }

    public func contains(_ version: Version) -> RangeMembership {
        if let malformation { return .indeterminate(malformation) }
        let lower = start.map { check(version, against: $0, above: true) } ?? .inside
        if case .outside = lower { return .outside }
        let upper = end.map { check(version, against: $0, above: false) } ?? .inside
        if case .outside = upper { return .outside }
        if case .indeterminate = lower { return lower }
        return upper
    }

    private func check(_ version: Version, against bound: Bound, above: Bool) -> RangeMembership {
        let order = Version.compare(version, bound.version)
        switch (order, bound) {
        case (.indeterminate(let reason), _):
            return .indeterminate(reason)
        case (.equal, .including):
            return .inside
        case (.equal, .excluding):
            return .outside
        case (.greater, _):
            return above ? .inside : .outside
        case (.less, _):
            return above ? .outside : .inside
        }
    }
}
