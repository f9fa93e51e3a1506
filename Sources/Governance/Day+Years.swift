import VulnModel

extension Day {
    /// The same calendar day `years` later; 29 February becomes 28 February in a common year.
    func adding(years: Int) -> Day {
        Day(year: year + years, month: month, day: day) ?? Day(year: year + years, month: month, day: 28) ?? self
    }
}
