import VulnModel

/// Security responsibility level (資通安全責任等級); A is the highest.
public enum SecurityLevel: String, Hashable, Sendable, CaseIterable, Comparable {
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"
    case e = "E"

    /// VANS is required of levels A–C (DOMAIN.md §1.1); EDR of A and B only.
    public var requiresVANS: Bool { self <= .c }
    public var requiresEDR: Bool { self <= .b }

    /// A sorts first: it is the highest level.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One approval of a level: obligations count from `effective` (初次受核定或等級變更後).
public struct LevelAssignment: Hashable, Sendable {
    public var level: SecurityLevel
    public var effective: Day
    /// The approval letter or other reference, when known.
    public var reference: String?

    public init(level: SecurityLevel, effective: Day, reference: String? = nil) {
        self.level = level
        self.effective = effective
        self.reference = reference
    }
}

/// An agency's levels over time, in date order. Two approvals on one day would make "the level on that day"
/// ambiguous, so they are refused.
public struct LevelHistory: Hashable, Sendable {
    public let assignments: [LevelAssignment]

    public init(_ assignments: [LevelAssignment]) throws(LevelHistoryError) {
        let sorted = assignments.sorted { $0.effective < $1.effective }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where earlier.effective == later.effective {
            throw LevelHistoryError(day: later.effective)
        }
        self.assignments = sorted
    }

    public static let empty = LevelHistory(uncheckedSorted: [])

    private init(uncheckedSorted: [LevelAssignment]) { assignments = uncheckedSorted }

    /// The assignment in force on `day`: the latest one effective on or before it.
    public func assignment(on day: Day) -> LevelAssignment? { assignments.last { $0.effective <= day } }

    public func level(on day: Day) -> SecurityLevel? { assignment(on: day)?.level }

    public var current: LevelAssignment? { assignments.last }

    /// A new history with `assignment` added.
    public func adding(_ assignment: LevelAssignment) throws(LevelHistoryError) -> LevelHistory {
        try LevelHistory(assignments + [assignment])
    }
}

public struct LevelHistoryError: Error, Hashable, Sendable, CustomStringConvertible {
    public var day: Day

    public init(day: Day) { self.day = day }

    public var description: String { "two level assignments effective on \(day)" }
}
