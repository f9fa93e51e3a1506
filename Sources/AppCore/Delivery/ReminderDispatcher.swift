import Governance
import Remediation
import VulnModel

/// Sends what the reminder planner says is due now, over every channel that reaches the recipient, logging each
/// send by its idempotency key (R23, ADR 0011). Per message and channel: skip if the log says sent; mark
/// `sending`; send; mark `sent`. A crash between the two marks is the only window in which a message can go out
/// twice, and the receiver can recognise that copy by its id.
public struct ReminderDispatcher: Sendable {
    public enum Mode: Hashable, Sendable {
        /// One mail per planned message.
        case individual
        /// One mail per recipient per Taiwanese day, listing that day's messages; each message is logged too,
        /// so it is not sent again on a later day.
        case dailyDigest
    }

    public var planner: ReminderPlanner
    public var senders: [any MessageSender]
    public var log: any SentMessageLog
    public var clock: any WallClock
    public var mode: Mode

    public init(
        planner: ReminderPlanner, senders: [any MessageSender], log: any SentMessageLog, clock: any WallClock,
        mode: Mode = .individual
    ) {
        self.planner = planner
        self.senders = senders
        self.log = log
        self.clock = clock
        self.mode = mode
    }

    /// What one run did.
    public struct Report: Sendable {
        public var planned: [PlannedMessage] = []
        /// `channel key` of every send that succeeded in this run.
        public var sent: [String] = []
        /// Sends skipped because the log already had them.
        public var skipped: Int = 0
        public var failures: [DeliveryError] = []
    }

    /// Plans for the Taiwanese day of the clock's now and delivers. Delivery failures are reported, not thrown:
    /// one agency's bad address must not hold back the others; a log failure stops the run.
    public func dispatch(
        records: [RemediationRecord], missingUploads: [MissingUpload] = [], directory: AgencyDirectory
    ) async throws(StoreError) -> Report {
        try await dispatch(due: planner.due(records), missingUploads: missingUploads, directory: directory)
    }

    /// The same for records given by their deadlines, as the daily run reads them from the store.
    public func dispatch(
        due: [DueRemediation], missingUploads: [MissingUpload] = [], directory: AgencyDirectory
    ) async throws(StoreError) -> Report {
        let now = clock.now()
        // The planner filters by key; the log is per channel, so ask for everything and filter below.
        let planned = planner.plan(
            due: due, missingUploads: missingUploads, directory: directory, now: now, alreadySent: [])
        let renderer = MessageRenderer(directory: directory)
        var report = Report()
        report.planned = planned
        switch mode {
        case .individual:
            let sent = try await sentKeys(planned.map(\.key))
            for message in planned {
                try await deliver(renderer.render(message), covering: [], sent: sent, report: &report)
            }
        case .dailyDigest:
            let digests = Digest.group(planned, on: now.dayInTaiwan)
            let sent = try await sentKeys(planned.map(\.key) + digests.map(\.key))
            for digest in digests {
                let pending = unsent(digest.messages, sent: sent)
                guard !pending.isEmpty else {
                    report.skipped += digest.messages.count
                    continue
                }
                var trimmed = digest
                trimmed.messages = pending
                try await deliver(
                    renderer.render(trimmed), covering: pending.map(\.key), sent: sent, report: &report)
            }
        }
        return report
    }

    /// Messages not yet sent on every channel that reaches their recipient.
    private func unsent(_ messages: [PlannedMessage], sent: [String: Set<String>]) -> [PlannedMessage] {
        messages.filter { message in
            senders.contains { $0.reaches(message.recipient) && sent[$0.channel]?.contains(message.key) != true }
        }
    }

    /// Per channel, which of `keys` its log already has as sent: one batched lookup per run, not one per message.
    func sentKeys(_ keys: [String]) async throws(StoreError) -> [String: Set<String>] {
        var sent: [String: Set<String>] = [:]
        for channel in Set(senders.map(\.channel)) { sent[channel] = try await log.sent(keys, channel: channel) }
        return sent
    }

    /// Sends `message` on each channel; `covered` keys (a digest's messages) are logged as sent with it.
    private func deliver(
        _ message: RenderedMessage, covering covered: [String], sent: [String: Set<String>], report: inout Report
    ) async throws(StoreError) {
        for sender in senders where sender.reaches(message.recipient) {
            let channel = sender.channel
            if sent[channel]?.contains(message.key) == true {
                report.skipped += 1
                continue
            }
            let recipient = message.recipient.description
            try await log.markSending(message.key, channel: channel, recipient: recipient, at: clock.now())
            do {
                try await sender.send(message)
            } catch {
                try await log.markFailed(message.key, channel: channel, error: error.description, at: clock.now())
                report.failures.append(error)
                continue
            }
            try await log.markSent(message.key, channel: channel, at: clock.now())
            try await log.markCovered(covered, channel: channel, recipient: recipient, at: clock.now())
            report.sent.append("\(channel) \(message.key)")
        }
    }
}
