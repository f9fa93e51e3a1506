// Interim comparator so dependants compile; replaced by the full comparator.
extension Version {
    public static func compare(_ lhs: Version, _ rhs: Version) -> VersionOrder {
        let left = lhs.raw.split { !$0.isLetter && !$0.isNumber }
        let right = rhs.raw.split { !$0.isLetter && !$0.isNumber }
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? String(left[index]) : "0"
            let b = index < right.count ? String(right[index]) : "0"
            if let x = Int(a), let y = Int(b) {
                if x != y { return x < y ? .less : .greater }
            } else if a != b {
                return .indeterminate("cannot compare \(lhs) with \(rhs)")
            }
        }
        return .equal
    }
}

public enum RangeMembership: Hashable, Sendable {
    case inside, outside
    case indeterminate(String)
}

public struct VersionRange: Hashable, Sendable {
    public var startIncluding: Version?
    public var startExcluding: Version?
    public var endIncluding: Version?
    public var endExcluding: Version?

    public init(startIncluding: String?, startExcluding: String?, endIncluding: String?, endExcluding: String?) {
        self.startIncluding = startIncluding.map(Version.init)
        self.startExcluding = startExcluding.map(Version.init)
        self.endIncluding = endIncluding.map(Version.init)
        self.endExcluding = endExcluding.map(Version.init)
    }

    public func contains(_ version: Version) -> RangeMembership {
        let checks: [(Version?, (VersionOrder) -> Bool)] = [
            (startIncluding, { $0 == .greater || $0 == .equal }),
            (startExcluding, { $0 == .greater }),
            (endIncluding, { $0 == .less || $0 == .equal }),
            (endExcluding, { $0 == .less }),
        ]
        for (bound, accepts) in checks {
            guard let bound else { continue }
            let order = Version.compare(version, bound)
            if case .indeterminate(let reason) = order { return .indeterminate(reason) }
            if !accepts(order) { return .outside }
        }
        return .inside
    }
}
