/// The comparison behind `Version.compare`. Every definite answer it gives agrees with the integer reading of the
/// tokens, so definite answers are transitive; anything a second reading could reverse becomes a conflict.
enum VersionComparator {
    enum Conflict {
        case empty
        case epoch(UInt64?, UInt64?)
        case scheme(VersionScheme, VersionScheme)
        case opaque(VersionToken, VersionToken)
        case leadingZero(VersionToken, VersionToken)
        case markers(VersionToken, VersionToken)
        case dayMonthOrder
    }

    enum Step {
        case less, equal, greater
        case conflict(Conflict)
    }

    static func compare(_ lhs: Version, _ rhs: Version) -> VersionOrder {
        switch step(lhs, rhs) {
        case .less: .less
        case .equal: .equal
        case .greater: .greater
        case .conflict(let conflict): .indeterminate(describe(conflict, lhs, rhs))
        }
    }

    static func step(_ lhs: Version, _ rhs: Version) -> Step {
        if lhs.scheme == .empty || rhs.scheme == .empty {
            return lhs.raw == rhs.raw ? .equal : .conflict(.empty)
        }
        switch (lhs.epoch, rhs.epoch) {
        case (let left?, let right?) where left != right:
            return left < right ? .less : .greater
        case (let left?, nil) where left != 0, (nil, let left?) where left != 0:
            return .conflict(.epoch(lhs.epoch, rhs.epoch))
        default:
            break
        }
        guard lhs.scheme == rhs.scheme else { return .conflict(.scheme(lhs.scheme, rhs.scheme)) }
        if lhs.scheme == .dayMonthYear { return dayMonthYear(lhs.tokens, rhs.tokens) }
        return elements(lhs.tokens, rhs.tokens)
    }

    /// Walks both token lists level by level; a side that has finished a level is padded with zeros until the
    /// other side finishes it too.
    private static func elements(_ lhs: [VersionToken], _ rhs: [VersionToken]) -> Step {
        var left = 0
        var right = 0
        while left < lhs.count || right < rhs.count {
            let leftLevel = left < lhs.count ? lhs[left].level : Int.max
            let rightLevel = right < rhs.count ? rhs[right].level : Int.max
            let first = left == 0 && right == 0
            let step: Step
            if leftLevel == rightLevel {
                step = element(lhs[left], rhs[right], first: first)
                left += 1
                right += 1
            } else if leftLevel < rightLevel {
                step = element(lhs[left], .padding, first: first)
                left += 1
            } else {
                step = element(.padding, rhs[right], first: first)
                right += 1
            }
            if case .equal = step { continue }
            return step
        }
        return .equal
    }

    /// Bands, lowest first: pre-release markers, zero (and padding), post-release markers and letter suffixes,
    /// positive numbers. Opaque tokens have no band.
    private static func band(_ token: VersionToken) -> Int? {
        switch token.kind {
        case .preRelease: 0
        case .number: token.numberValue == 0 ? 1 : 3
        case .postRelease, .letters: 2
        case .word, .hex, .bigNumber, .wildcard: nil
        }
    }

    private static func element(_ lhs: VersionToken, _ rhs: VersionToken, first: Bool) -> Step {
        if lhs.content == rhs.content { return .equal }
        if lhs.kind == .number && rhs.kind == .number { return numbers(lhs, rhs, first: first) }
        guard let leftBand = band(lhs), let rightBand = band(rhs) else { return .conflict(.opaque(lhs, rhs)) }
        if leftBand != rightBand { return leftBand < rightBand ? .less : .greater }
        switch (lhs.kind, rhs.kind) {
        case (.preRelease, .preRelease):
            // Debian's `~` has no place among named markers; identical markers were handled above.
            if lhs.payload == PreRelease.tilde.rawValue || rhs.payload == PreRelease.tilde.rawValue {
                return .conflict(.markers(lhs, rhs))
            }
            return order(lhs.payload, rhs.payload)
        case (.letters, .letters):
            return order(lhs.payload, rhs.payload)
        default:
            return .conflict(.markers(lhs, rhs))
        }
    }

    private static func numbers(_ lhs: VersionToken, _ rhs: VersionToken, first: Bool) -> Step {
        let integer = order(lhs.numberValue, rhs.numberValue)
        guard !first, lhs.digitCount != rhs.digitCount, lhs.hasLeadingZero || rhs.hasLeadingZero else {
            return integer
        }
        let width = max(lhs.digitCount, rhs.digitCount)
        let powers = VersionToken.powersOfTen
        let leftFraction = lhs.numberValue * powers[width - lhs.digitCount]
        let rightFraction = rhs.numberValue * powers[width - rhs.digitCount]
        switch (integer, order(leftFraction, rightFraction)) {
        case (.less, .less), (.equal, .equal), (.greater, .greater): return integer
        default: return .conflict(.leadingZero(lhs, rhs))
        }
    }

    /// Year first; then day and month, which are trusted only when reading them either way gives one answer.
    private static func dayMonthYear(_ lhs: [VersionToken], _ rhs: [VersionToken]) -> Step {
        guard lhs.count >= 3, rhs.count >= 3 else { return elements(lhs, rhs) }
        let year = order(lhs[0].numberValue, rhs[0].numberValue)
        if case .equal = year {} else { return year }
        let dayFirst = pair(lhs[1].numberValue, lhs[2].numberValue, rhs[1].numberValue, rhs[2].numberValue)
        let monthFirst = pair(lhs[2].numberValue, lhs[1].numberValue, rhs[2].numberValue, rhs[1].numberValue)
        switch (dayFirst, monthFirst) {
        case (.less, .less), (.equal, .equal), (.greater, .greater): return dayFirst
        default: return .conflict(.dayMonthOrder)
        }
    }

    private static func pair(_ a1: UInt64, _ a2: UInt64, _ b1: UInt64, _ b2: UInt64) -> Step {
        a1 != b1 ? order(a1, b1) : order(a2, b2)
    }

    private static func order(_ lhs: UInt64, _ rhs: UInt64) -> Step {
        lhs < rhs ? .less : lhs > rhs ? .greater : .equal
    }

    static func describe(_ conflict: Conflict, _ lhs: Version, _ rhs: Version) -> String {
        let prefix = "cannot order \"\(lhs.raw)\" and \"\(rhs.raw)\": "
        switch conflict {
        case .empty:
            let empty = lhs.scheme == .empty ? lhs.raw : rhs.raw
            return prefix + "\"\(empty)\" has no version content"
        case .epoch(let left, let right):
            return prefix + "epoch \(left.map(String.init) ?? "none") vs \(right.map(String.init) ?? "none")"
        case .scheme(let left, let right):
            return prefix + "\(left.name) vs \(right.name)"
        case .opaque(let left, let right):
            return prefix + "\(left) vs \(right) (no common meaning)"
        case .leadingZero(let left, let right):
            return prefix + "\(left) vs \(right): a leading zero may mark a decimal fraction"
        case .markers(let left, let right):
            return prefix + "\(left) vs \(right) are unrelated markers"
        case .dayMonthOrder:
            return prefix + "day and month order unknown"
        }
    }
}
