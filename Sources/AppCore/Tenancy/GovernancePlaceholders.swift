// Stand-ins for the Governance target's `Agency.ID` and `ReportingMonth` until it is merged; same spelling, so
// swapping them for `import Governance` changes no call site.
public enum Agency {
    public struct ID: Hashable, Comparable, Sendable, CustomStringConvertible {
        public let rawValue: String

        public init(_ text: String) throws(StoreError) {
            guard !text.isEmpty, text.allSatisfy({ $0 == "." || $0.isASCII && $0.isNumber }) else {
                throw StoreError(.rejected, "not an OID: \(text)")
            }
            rawValue = text
        }

        public var description: String { rawValue }
        public static func < (lhs: ID, rhs: ID) -> Bool { lhs.rawValue < rhs.rawValue }
    }
}

public struct ReportingMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), year > 1911, year <= 9999 else { return nil }
        self.year = year
        self.month = month
    }

    public var gregorian: String { month < 10 ? "\(year)-0\(month)" : "\(year)-\(month)" }
    public var description: String { gregorian }
    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}
