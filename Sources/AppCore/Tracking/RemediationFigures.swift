import Governance
import VulnModel

/// One agency's remediation figures for the supervisor's view (R24) on a day.
public struct AgencyFigures: Hashable, Sendable {
    public var agency: Agency.ID
    /// Open or planned high-risk records.
    public var open: Int = 0
    public var openKEV: Int = 0
    /// Open or planned and past their deadline.
    public var overdue: Int = 0
    /// Sum and maximum of the overdue records' days past their deadline.
    public var overdueDays: Int = 0
    public var maxOverdueDays: Int = 0
    /// Closed as remediated (claimed or verified), and the days from first seen to closing summed over them.
    public var remediated: Int = 0
    public var remediationDays: Int = 0
    public var reappeared: Int = 0
    /// Uploads (not failed) per month in the asked range.
    public var uploads: [ReportingMonth: Int] = [:]

    public init(agency: Agency.ID) { self.agency = agency }

    public var meanOverdueDays: Double? { overdue == 0 ? nil : Double(overdueDays) / Double(overdue) }
    /// Mean time to remediate, in days.
    public var meanDaysToRemediate: Double? {
        remediated == 0 ? nil : Double(remediationDays) / Double(remediated)
    }

    /// Adds another agency's figures (for a city/county or region group total).
    public mutating func add(_ other: AgencyFigures) {
        open += other.open
        openKEV += other.openKEV
        overdue += other.overdue
        overdueDays += other.overdueDays
        maxOverdueDays = max(maxOverdueDays, other.maxOverdueDays)
        remediated += other.remediated
        remediationDays += other.remediationDays
        reappeared += other.reappeared
        uploads.merge(other.uploads, uniquingKeysWith: +)
    }
}

/// The supervisor's figures as storage queries: counts are grouped in the database, and only (agency, day, count)
/// groups come back for the day arithmetic.
public protocol RemediationFigures: Sendable {
    /// Every agency with records or uploads in `months`, by OID.
    func figures(on today: Day, months: ClosedRange<ReportingMonth>) async throws(StoreError) -> [AgencyFigures]
}

/// Rolls agency figures up to the city/county and region-group levels of the directory.
public enum FiguresRollup {
    public enum Level: String, Sendable, CaseIterable {
        case agency
        case localGovernment = "local-government"
        case regionGroup = "region-group"
    }

    /// Rows named by OID, local government (or "central") or region group (or "central"), sorted by name.
    public static func rollUp(_ figures: [AgencyFigures], by level: Level, directory: AgencyDirectory)
        -> [(name: String, figures: AgencyFigures)]
    {
        var groups: [String: AgencyFigures] = [:]
        for item in figures {
            let agency = directory[item.agency]
            let name: String
            switch level {
            case .agency: name = item.agency.rawValue
            case .localGovernment: name = agency?.localGovernment?.rawValue ?? "central"
            case .regionGroup: name = agency?.regionGroup.map { "group-\($0.rawValue)" } ?? "central"
            }
            groups[name, default: AgencyFigures(agency: item.agency)].add(item)
        }
        return groups.map { ($0.key, $0.value) }.sorted { $0.name < $1.name }
    }
}
