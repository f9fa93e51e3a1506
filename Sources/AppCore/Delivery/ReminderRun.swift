import Governance
import Remediation
import VulnModel

/// One run of the reminder job over the stored state (R22, R23): expire risk acceptances that ran out, flag missing
/// uploads, and hand the active records and missing uploads to the dispatcher, whose SQL log makes a second run
/// send nothing again.
public struct ReminderRun: Sendable {
    public var records: any RemediationStore
    public var agencies: any AgencyStore
    public var uploads: any UploadStore
    public var dispatcher: ReminderDispatcher
    public var detector: MissingUploadDetector
    /// How many months back missing uploads are looked for (older ones were reminded about long ago).
    public var missingUploadMonths: Int
    public var sla: SLAPolicy
    public var audit: (any AuditLog)?

    public init(
        records: any RemediationStore, agencies: any AgencyStore, uploads: any UploadStore,
        dispatcher: ReminderDispatcher, detector: MissingUploadDetector = MissingUploadDetector(),
        missingUploadMonths: Int = 3, sla: SLAPolicy = .standard, audit: (any AuditLog)? = nil
    ) {
        self.records = records
        self.agencies = agencies
        self.uploads = uploads
        self.dispatcher = dispatcher
        self.detector = detector
        self.missingUploadMonths = missingUploadMonths
        self.sla = sla
        self.audit = audit
    }

    /// What the run is about: the directory, the records reminders are owed for, and the missing uploads.
    public struct Plan: Sendable {
        public var directory: AgencyDirectory
        /// The open and planned records' deadlines.
        public var active: [DueRemediation]
        public var missingUploads: [MissingUpload]
        /// Risk acceptances that ran out and were reopened by this run (not in a dry run).
        public var expired: [FindingKey]
    }

    /// Loads what is owed on the Taiwanese day of `now`; unless `dryRun`, first reopens expired risk acceptances
    /// (their clocks run again, so they are reminded about too).
    public func prepare(now: Timestamp, dryRun: Bool) async throws -> Plan {
        let day = now.dayInTaiwan
        let directory = try await agencies.directory()
        var expired: [FindingKey] = []
        var reopened: [TrackedRemediation] = []
        for tracked in try await records.records(in: [.riskAccepted]) where tracked.record.acceptanceHasExpired(on: day)
        {
            var record = tracked.record
            try record.apply(.expireAcceptance, on: day, by: "system")
            reopened.append(
                TrackedRemediation(
                    record: record, deadline: sla.deadline(for: record, directives: dispatcher.planner.directives),
                    lastMonth: tracked.lastMonth, storedHistoryCount: tracked.storedHistoryCount))
            expired.append(tracked.key)
        }
        if !dryRun, !reopened.isEmpty {
            try await records.save(reopened, now: now)
            for key in expired {
                try await audit?.append(
                    AuditEntry(
                        at: now, actor: "system", agency: key.agency, action: "remediation.expire_acceptance",
                        subject: key.description))
            }
        }
        var active = try await records.deadlines(in: [.open, .planned])
        if dryRun { active += dispatcher.planner.due(reopened.map(\.record)) }
        let since = ReportingMonth(containing: day).adding(months: -max(missingUploadMonths, 1))
        let uploaded = try await uploads.uploads(agencies: directory.all.map(\.id)).mapValues { history in
            Set(history.filter { $0.status != .failed }.map(\.month))
        }
        let missing = detector.missingUploads(
            agencies: directory.all, uploads: uploaded, since: since, today: day)
        return Plan(directory: directory, active: active, missingUploads: missing, expired: dryRun ? [] : expired)
    }

    /// Sends what is owed now.
    public func run(now: Timestamp) async throws -> (plan: Plan, report: ReminderDispatcher.Report) {
        let plan = try await prepare(now: now, dryRun: false)
        let report = try await dispatcher.dispatch(
            due: plan.active, missingUploads: plan.missingUploads, directory: plan.directory)
        return (plan, report)
    }

    /// What a run would send now, per message and channel, without sending or logging anything.
    public func preview(now: Timestamp) async throws -> [(message: PlannedMessage, channel: String, alreadySent: Bool)]
    {
        let planned = try await planned(now: now)
        let sent = try await dispatcher.sentKeys(planned.map(\.key))
        var lines: [(PlannedMessage, String, Bool)] = []
        for message in planned {
            for sender in dispatcher.senders where sender.reaches(message.recipient) {
                lines.append((message, sender.channel, sent[sender.channel]?.contains(message.key) == true))
            }
        }
        return lines
    }

    /// The messages a run at `now` would plan, whether or not sent before; nothing is sent or changed.
    public func planned(now: Timestamp) async throws -> [PlannedMessage] {
        let plan = try await prepare(now: now, dryRun: true)
        return dispatcher.planner.plan(
            due: plan.active, missingUploads: plan.missingUploads, directory: plan.directory, now: now,
            alreadySent: [])
    }
}
