import VulnModel

extension Day {
    /// The ROC year (民國): Gregorian year − 1911.
    public var rocYear: Int { year - ReportingMonth.rocOffset }

    /// `民國113年4月1日`, the form official letters use.
    public var rocLabel: String { "民國\(rocYear)年\(month)月\(day)日" }

    /// `民國113年4月1日（2024-04-01）`: both calendars (DOMAIN.md §9), for text read by people.
    public var bilingualLabel: String { "\(rocLabel)（\(description)）" }
}
