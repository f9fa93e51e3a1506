import Governance
import VulnModel

/// When reminders and escalations are due (R23). Defaults are ADR 0008's.
public struct ReminderPolicy: Hashable, Sendable {
    /// Reminders this many days before the deadline.
    public var daysBeforeDue: [Int]
    /// A reminder the day after the deadline.
    public var remindWhenOverdue: Bool
    /// Days after the deadline at which the n-th escalation goes one level further up the supervision chain.
    public var escalationDelays: [Int]
    /// Days after a missing upload is flagged at which it escalates to the supervisor.
    public var missingUploadEscalationDelays: [Int]

    public static let standard = ReminderPolicy(
        daysBeforeDue: [7, 1], remindWhenOverdue: true, escalationDelays: [7, 30], missingUploadEscalationDelays: [7])

    public init(
        daysBeforeDue: [Int], remindWhenOverdue: Bool, escalationDelays: [Int], missingUploadEscalationDelays: [Int]
    ) {
        self.daysBeforeDue = daysBeforeDue
        self.remindWhenOverdue = remindWhenOverdue
        self.escalationDelays = escalationDelays
        self.missingUploadEscalationDelays = missingUploadEscalationDelays
    }
}

/// Plans the messages due on `today`. Pure: it is told what was already sent (by key) and returns what is still
/// owed. Of an agency's own reminder stages only the latest one due is sent (a planner that was down for a week
/// sends one late reminder, not three stale ones); escalations each go to a different recipient, so every one
/// that is due and unsent is planned.
public struct ReminderPlanner: Sendable {
    public var policy: ReminderPolicy
    public var sla: SLAPolicy
    public var directives: [Directive]

    public init(policy: ReminderPolicy = .standard, sla: SLAPolicy = .standard, directives: [Directive] = []) {
        self.policy = policy
        self.sla = sla
        self.directives = directives
    }

    /// The deadlines of the records that are not closed, by this planner's SLA and directives.
    public func due(_ records: [RemediationRecord]) -> [DueRemediation] {
        records.compactMap { record in
            guard !record.state.isClosed, let deadline = sla.deadline(for: record, directives: directives) else {
                return nil
            }
            return DueRemediation(key: record.key, deadline: deadline.day)
        }
    }

    public func plan(
        records: [RemediationRecord],
        missingUploads: [MissingUpload] = [],
        directory: AgencyDirectory,
        today: Day,
        alreadySent: Set<String>
    ) -> [PlannedMessage] {
        plan(
            due: due(records), missingUploads: missingUploads, directory: directory, today: today,
            alreadySent: alreadySent)
    }

    /// The messages owed on `today` for records with these deadlines and for the missing uploads.
    public func plan(
        due: [DueRemediation],
        missingUploads: [MissingUpload] = [],
        directory: AgencyDirectory,
        today: Day,
        alreadySent: Set<String>
    ) -> [PlannedMessage] {
        var planned: [PlannedMessage] = []
        for record in due {
            let deadline = record.deadline
            let agency = record.key.agency
            let subject = PlannedMessage.Subject.remediation(record.key, deadline: deadline)
            var stages = policy.daysBeforeDue.map {
                (PlannedMessage.Stage.beforeDue(days: $0), deadline.adding(days: -$0))
            }
            if policy.remindWhenOverdue { stages.append((.overdue, deadline.adding(days: 1))) }
            if let latest = stages.filter({ $0.1 <= today }).max(by: { $0.1 < $1.1 }) {
                planned.append(
                    PlannedMessage(
                        recipient: .agency(agency), agency: agency, subject: subject, stage: latest.0, dueOn: latest.1))
            }
            planned += escalations(
                of: agency, subject: subject, from: deadline, delays: policy.escalationDelays, today: today,
                directory: directory)
        }
        for missing in missingUploads where missing.flaggedOn <= today {
            let subject = PlannedMessage.Subject.missingUpload(missing.agency, missing.month)
            planned.append(
                PlannedMessage(
                    recipient: .agency(missing.agency), agency: missing.agency, subject: subject, stage: .overdue,
                    dueOn: missing.flaggedOn))
            planned += escalations(
                of: missing.agency, subject: subject, from: missing.flaggedOn,
                delays: policy.missingUploadEscalationDelays, today: today,
                directory: directory)
        }
        return planned.filter { !alreadySent.contains($0.key) }.sorted { $0.key < $1.key }
    }

    /// The plan for the Taiwanese day of `now`.
    public func plan(
        due: [DueRemediation],
        missingUploads: [MissingUpload] = [],
        directory: AgencyDirectory,
        now: Timestamp,
        alreadySent: Set<String>
    ) -> [PlannedMessage] {
        plan(
            due: due, missingUploads: missingUploads, directory: directory, today: now.dayInTaiwan,
            alreadySent: alreadySent)
    }

    private func escalations(
        of agency: Agency.ID, subject: PlannedMessage.Subject, from start: Day, delays: [Int], today: Day,
        directory: AgencyDirectory
    ) -> [PlannedMessage] {
        let chain = directory.supervisionChain(of: agency)
        var messages: [PlannedMessage] = []
        for (index, delay) in delays.enumerated() where start.adding(days: delay) <= today {
            let recipient = Recipient(chain[min(index, chain.count - 1)])
            messages.append(
                PlannedMessage(
                    recipient: recipient, agency: agency, subject: subject, stage: .escalation(index + 1),
                    dueOn: start.adding(days: delay)))
        }
        return messages
    }
}
