import Governance
import VulnModel

/// R20: overdue findings listed per agency, most overdue first.
public struct OverdueReport: Sendable {
    public struct Entry: Hashable, Sendable {
        public var key: FindingKey
        public var deadline: Deadline
        public var daysOverdue: Int
        public var isKEV: Bool
    }

    public var today: Day
    public var byAgency: [Agency.ID: [Entry]]

    public init(records: [RemediationRecord], sla: SLAPolicy, directives: [Directive] = [], today: Day) {
        self.today = today
        var byAgency: [Agency.ID: [Entry]] = [:]
        for record in records where !record.state.isClosed {
            guard let deadline = sla.deadline(for: record, directives: directives), today > deadline.day else {
                continue
            }
            let entry = Entry(
                key: record.key, deadline: deadline,
                daysOverdue: today.daysSinceEpoch - deadline.day.daysSinceEpoch, isKEV: record.risk.isKEV)
            byAgency[record.key.agency, default: []].append(entry)
        }
        self.byAgency = byAgency.mapValues { entries in
            entries.sorted { ($1.daysOverdue, $0.key) < ($0.daysOverdue, $1.key) }
        }
    }
}
