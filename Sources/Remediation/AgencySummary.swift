import Governance
import VulnModel

/// R24's per-agency figures from the remediation records: open high-risk findings, how many are known-exploited,
/// overdue, or came back after being closed; and the same rolled up per local government.
public struct AgencySummary: Hashable, Sendable {
    public var open: Int = 0
    public var openKEV: Int = 0
    public var overdue: Int = 0
    public var reappeared: Int = 0
    public var closed: Int = 0

    public init() {}

    public static func + (lhs: Self, rhs: Self) -> Self {
        var sum = lhs
        sum.open += rhs.open
        sum.openKEV += rhs.openKEV
        sum.overdue += rhs.overdue
        sum.reappeared += rhs.reappeared
        sum.closed += rhs.closed
        return sum
    }

    /// Per agency, from every record.
    public static func byAgency(
        _ records: [RemediationRecord], sla: SLAPolicy, directives: [Directive] = [], today: Day
    ) -> [Agency.ID: AgencySummary] {
        var summaries: [Agency.ID: AgencySummary] = [:]
        for record in records {
            var summary = summaries[record.key.agency] ?? AgencySummary()
            if record.state.isClosed {
                summary.closed += 1
            } else {
                summary.open += 1
                if record.risk.isKEV { summary.openKEV += 1 }
                if record.reappeared { summary.reappeared += 1 }
                if sla.isOverdue(record, on: today, directives: directives) { summary.overdue += 1 }
            }
            summaries[record.key.agency] = summary
        }
        return summaries
    }

    /// Rolled up per local government; central agencies are left out.
    public static func byLocalGovernment(
        _ summaries: [Agency.ID: AgencySummary], directory: AgencyDirectory
    ) -> [LocalGovernment: AgencySummary] {
        var rolled: [LocalGovernment: AgencySummary] = [:]
        for (id, summary) in summaries {
            guard let local = directory[id]?.localGovernment else { continue }
            rolled[local] = (rolled[local] ?? AgencySummary()) + summary
        }
        return rolled
    }
}
