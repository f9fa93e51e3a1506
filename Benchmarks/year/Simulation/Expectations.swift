import Foundation
import Governance
import Remediation
import VulnModel

/// The messages a year should have produced, worked out independently of the dispatcher and its log: from each
/// record's own history (when it opened and when a later upload verified the fix) and from the upload schedule.
/// The reminder job runs every day at 09:00 and uploads are processed after it, so a record created on day u is
/// first seen by the run of day u+1, and one closed on day c is still open for the run of day c.
struct Expectations {
    var keys: Set<String> = []
    var reminders = 0
    var escalations = 0
    var missing = 0
    var missingEscalations = 0

    static func keys(
        records: [RemediationRecord], directory: AgencyDirectory, uploadDay: [String: Day], agencies: [Agency],
        months: [ReportingMonth], lastRun: Day, policy: ReminderPolicy = .standard, sla: SLAPolicy = .standard
    ) -> Expectations {
        var expected = Expectations()
        for record in records {
            guard let deadline = sla.deadline(for: record)?.day else { continue }
            let firstRun = record.firstSeen.adding(days: 1)
            let closed = record.history.first { $0.to.isClosed }?.day
            let lastOpenRun = min(closed ?? lastRun, lastRun)
            guard firstRun <= lastOpenRun else { continue }
            var stages = policy.daysBeforeDue.map {
                (PlannedMessage.Stage.beforeDue(days: $0), deadline.adding(days: -$0))
            }
            if policy.remindWhenOverdue { stages.append((.overdue, deadline.adding(days: 1))) }
            // Each run sends the latest own stage due by then: the one due by the first run, then each one after.
            let dueByFirst = stages.filter { $0.1 <= firstRun }.max { $0.1 < $1.1 }
            var own = stages.filter { $0.1 > firstRun && $0.1 <= lastOpenRun }
            if let dueByFirst { own.append(dueByFirst) }
            let subject = PlannedMessage.Subject.remediation(record.key, deadline: deadline)
            for (stage, dueOn) in own {
                expected.add(
                    PlannedMessage(
                        recipient: .agency(record.key.agency), agency: record.key.agency, subject: subject,
                        stage: stage, dueOn: dueOn))
                expected.reminders += 1
            }
            let chain = directory.supervisionChain(of: record.key.agency)
            for (index, delay) in policy.escalationDelays.enumerated() where deadline.adding(days: delay) <= lastOpenRun
            {
                expected.add(
                    PlannedMessage(
                        recipient: Recipient(chain[min(index, chain.count - 1)]), agency: record.key.agency,
                        subject: subject, stage: .escalation(index + 1), dueOn: deadline.adding(days: delay)))
                expected.escalations += 1
            }
        }
        // Missing uploads: flagged on day 10 of the next month, escalated 7 days later, each by the first run on or
        // after that day that still finds no upload and still looks that far back (three months before its own).
        let detector = MissingUploadDetector()
        let firstRun = months[0].next.firstDay
        var month = ReportingMonth(containing: firstRun).adding(months: -3)
        while month <= months[months.count - 1] {
            defer { month = month.next }
            for agency in agencies where detector.isDue(agency, for: month) {
                let uploaded = uploadDay["\(agency.id)/\(month.gregorian)"]
                let owed = { (due: Day) -> Bool in
                    let run = max(due, firstRun)
                    return run <= lastRun && ReportingMonth(containing: run).adding(months: -3) <= month
                        && uploaded.map { $0 >= run } ?? true
                }
                let flag = detector.flagDate(for: month)
                guard owed(flag) else { continue }
                let subject = PlannedMessage.Subject.missingUpload(agency.id, month)
                expected.add(
                    PlannedMessage(
                        recipient: .agency(agency.id), agency: agency.id, subject: subject, stage: .overdue,
                        dueOn: flag))
                expected.missing += 1
                let chain = directory.supervisionChain(of: agency.id)
                for (index, delay) in policy.missingUploadEscalationDelays.enumerated()
                where owed(flag.adding(days: delay)) {
                    expected.add(
                        PlannedMessage(
                            recipient: Recipient(chain[min(index, chain.count - 1)]), agency: agency.id,
                            subject: subject, stage: .escalation(index + 1), dueOn: flag.adding(days: delay)))
                    expected.missingEscalations += 1
                }
            }
        }
        return expected
    }

    mutating func add(_ message: PlannedMessage) { keys.insert(message.key) }
}

/// The mails the loopback SMTP receiver wrote (a maildir: one file per message under `new/`).
enum Maildir {
    struct Mail {
        var messageID: String
    }

    static func read(_ path: String) throws -> [Mail] {
        let folder = URL(fileURLWithPath: path).appendingPathComponent("new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.map { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let header = text.split(separator: "\n").first { $0.lowercased().hasPrefix("message-id:") }
            return Mail(
                messageID: header.map { String($0.dropFirst("message-id:".count)).trimmingCharacters(in: .whitespaces) }
                    ?? "")
        }
    }
}
