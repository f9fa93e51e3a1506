import AppCore
import Governance
import Remediation
import Testing
import VulnModel

/// The dispatcher's bookkeeping, with a sender that records instead of delivering.
@Suite struct ReminderDispatcherTests {
    actor RecordingSender: MessageSender {
        nonisolated let channel = "test"
        private(set) var sent: [String] = []
        var failing = false

        nonisolated func reaches(_ recipient: Recipient) -> Bool { recipient != .nation }

        func send(_ message: RenderedMessage) async throws(DeliveryError) {
            if failing { throw DeliveryError(channel: channel, key: message.key, reason: "down", isPermanent: false) }
            sent.append(message.key)
        }

        func fail(_ value: Bool) { failing = value }
    }

    static func dispatcher(_ sender: RecordingSender, _ log: InMemorySentMessageLog, at time: String)
        -> ReminderDispatcher
    {
        ReminderDispatcher(planner: ReminderPlanner(), senders: [sender], log: log, clock: FixedClock(time))
    }

    /// A crash after `sending` was logged but before `sent`: the next run sends again (at-least-once, ADR 0011)
    /// and the log counts the second attempt.
    @Test func aSendInterruptedByACrashIsRetriedOnce() async throws {
        let sender = RecordingSender()
        let log = InMemorySentMessageLog()
        let key = "remediation/2.16.886.116.1/srv-01/CVE-2021-44228/apache:log4j:2.14.1/due-2024-03-31/overdue"
        await log.markSending(
            key, channel: "test", recipient: "agency:2.16.886.116.1", at: FixedClock("2024-04-01T01:00:00Z").time)
        for time in ["2024-04-01T02:00:00Z", "2024-04-01T03:00:00Z"] {
            _ = try await Self.dispatcher(sender, log, at: time).dispatch(
                records: [MailFixtures.record()], directory: MailFixtures.directory())
        }
        #expect(await sender.sent == [key])
        #expect(await log.records().map(\.attempts) == [2])
        #expect(await log.records().map(\.state) == [.sent])
    }

    /// A transient failure leaves the message unsent; the next run delivers it.
    @Test func aFailedSendIsRetriedOnTheNextRun() async throws {
        let sender = RecordingSender()
        let log = InMemorySentMessageLog()
        await sender.fail(true)
        let first = try await Self.dispatcher(sender, log, at: "2024-04-01T01:00:00Z").dispatch(
            records: [MailFixtures.record()], directory: MailFixtures.directory())
        #expect(first.failures.count == 1)
        #expect(await log.records().map(\.state) == [.failed])
        await sender.fail(false)
        let second = try await Self.dispatcher(sender, log, at: "2024-04-02T01:00:00Z").dispatch(
            records: [MailFixtures.record()], directory: MailFixtures.directory())
        #expect(second.sent.count == 1)
        #expect(await log.records().map(\.state) == [.sent])
        #expect(await sender.sent.count == 1)
    }

    /// A channel that does not reach a recipient is not attempted and not logged (the escalation to the nation
    /// on 2024-04-30 here).
    @Test func channelsThatDoNotReachTheRecipientAreSkipped() async throws {
        let sender = RecordingSender()
        let log = InMemorySentMessageLog()
        let report = try await Self.dispatcher(sender, log, at: "2024-04-30T01:00:00Z").dispatch(
            records: [MailFixtures.record()], directory: MailFixtures.directory())
        #expect(
            report.planned.map(\.recipient) == [.agency(MailFixtures.county), .nation, .agency(MailFixtures.bureau)])
        #expect(report.sent.count == 2)
        #expect(await log.records().map(\.key).allSatisfy { !$0.hasSuffix("escalation-2") })
    }
}
