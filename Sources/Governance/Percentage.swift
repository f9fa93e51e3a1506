/// A share as a count over a total, shown rounded half-up to two decimals ("15.52%"). Computed in integers so that
/// 218/1405 prints the same on every platform.
public struct Percentage: Hashable, Sendable, CustomStringConvertible {
    public var count: Int
    public var total: Int

    public init(count: Int, total: Int) {
        self.count = count
        self.total = total
    }

    /// Hundredths of a percent, rounded half-up; nil when the total is zero (no share to speak of).
    public var basisPoints: Int? {
        guard total > 0 else { return nil }
        return (count * 20_000 + total) / (2 * total)
    }

    public var value: Double? { basisPoints.map { Double($0) / 100 } }

    public var description: String {
        guard let points = basisPoints else { return "n/a" }
        let fraction = points % 100
        return "\(points / 100).\(fraction < 10 ? "0" : "")\(fraction)%"
    }
}
