import VulnModel

/// Training hours a role must take (R8, DOMAIN.md §3.3): professional and general hours are counted apart, and
/// professional hours never make up for missing general hours.
public struct TrainingRequirement: Hashable, Sendable {
    public enum Role: String, Hashable, Sendable {
        case securityStaff = "security_staff"
        case itStaff = "it_staff"
        case general
    }

    public var role: Role
    public var professionalHours: Double
    /// Years (ending with the year checked) over which professional hours are summed.
    public var professionalPeriodYears: Int
    public var generalHours: Double
    public var generalPeriodYears: Int

    public init(
        role: Role, professionalHours: Double, professionalPeriodYears: Int, generalHours: Double,
        generalPeriodYears: Int
    ) {
        self.role = role
        self.professionalHours = professionalHours
        self.professionalPeriodYears = professionalPeriodYears
        self.generalHours = generalHours
        self.generalPeriodYears = generalPeriodYears
    }

    /// Checks one person's records for calendar year `year`.
    public func check(_ records: [TrainingRecord], year: Int) -> TrainingResult {
        func hours(_ kind: TrainingRecord.Kind, years: Int) -> Double {
            records.filter { $0.kind == kind && $0.day.year <= year && $0.day.year > year - years }
                .reduce(0) { $0 + $1.hours }
        }
        let professional = hours(.professional, years: professionalPeriodYears)
        let general = hours(.general, years: generalPeriodYears)
        var shortfalls: [String] = []
        if professional < professionalHours {
            shortfalls.append(
                "professional \(professional) h of \(professionalHours) h in \(professionalPeriodYears) y")
        }
        if general < generalHours {
            shortfalls.append("general \(general) h of \(generalHours) h in \(generalPeriodYears) y")
        }
        return TrainingResult(professionalHours: professional, generalHours: general, shortfalls: shortfalls)
    }
}

public struct TrainingRecord: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// 資通安全專業課程 or 職能訓練.
        case professional
        /// 資通安全通識.
        case general
    }

    public var day: Day
    public var hours: Double
    public var kind: Kind
    public var course: String

    public init(day: Day, hours: Double, kind: Kind, course: String) {
        self.day = day
        self.hours = hours
        self.kind = kind
        self.course = course
    }
}

public struct TrainingResult: Hashable, Sendable {
    public var professionalHours: Double
    public var generalHours: Double
    public var shortfalls: [String]

    public var isCompliant: Bool { shortfalls.isEmpty }
}
