import AppCore
import Foundation
import Governance
import Mail
import Remediation
import Testing
import VulnModel

/// Reminders through a real SMTP client to a real SMTP server (aiosmtpd) on loopback (R23, ADR 0011).
@Suite struct SMTPDeliveryTests {
    @Test func aZhTWReminderArrivesWithItsHeadersAndText() async throws {
        guard let receiver = try SMTPReceiver.start() else { return }
        let clock = FixedClock("2024-03-24T01:00:00Z")
        let message = MessageRenderer(directory: MailFixtures.directory()).render(
            PlannedMessage(
                recipient: .agency(MailFixtures.bureau), agency: MailFixtures.bureau,
                subject: .remediation(
                    MailFixtures.record().key, deadline: try #require(Day(year: 2024, month: 3, day: 31))),
                stage: .beforeDue(days: 7), dueOn: try #require(Day(year: 2024, month: 3, day: 24))))
        try await MailFixtures.mailSender(port: receiver.port, clock: clock).send(message)

        let received = try receiver.messages()
        try #require(received.count == 1)
        let mail = received[0]
        #expect(mail.subject == message.subject)
        #expect(mail.body == message.body.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(mail.header("From") == "vans-noreply@acs.gov.tw")
        #expect(mail.header("To") == "security@health.ilan.gov.tw, cio@health.ilan.gov.tw")
        #expect(mail.header("X-RcptTo") == "security@health.ilan.gov.tw, cio@health.ilan.gov.tw")
        #expect(mail.header("X-MailFrom") == "vans-noreply@acs.gov.tw")
        #expect(mail.header("Date") == "Sun, 24 Mar 2024 09:00:00 +0800")
        #expect(
            mail.header("Message-ID")
                == "<remediation/2.16.886.116.1/srv-01/CVE-2021-44228/apache=3Alog4j=3A2.14.1/due-2024-03-31/"
                + "before-7d@acs.gov.tw>")
        #expect(mail.header("Content-Type") == "text/plain; charset=UTF-8")
        #expect(mail.header("Content-Transfer-Encoding") == "base64")
        #expect(mail.subject?.hasPrefix("[VANS] 弱點修補提醒：CVE-2021-44228（期限 民國113年3月31日）") == true)
    }

    @Test func aRefusedRecipientIsATypedPermanentErrorAndNothingIsLoggedAsSent() async throws {
        guard let receiver = try SMTPReceiver.start() else { return }
        let clock = FixedClock("2024-04-01T01:00:00Z")
        let sender = MailFixtures.mailSender(
            port: receiver.port, clock: clock,
            addresses: [.agency(MailFixtures.bureau): ["security@health.ilan.gov.tw", "reject-me@ilan.gov.tw"]])
        let log = InMemorySentMessageLog()
        let dispatcher = ReminderDispatcher(
            planner: ReminderPlanner(), senders: [sender], log: log, clock: clock)
        let report = try await dispatcher.dispatch(
            records: [MailFixtures.record()], directory: MailFixtures.directory())

        #expect(report.planned.map(\.stage) == [.overdue])
        #expect(report.sent.isEmpty)
        try #require(report.failures.count == 1)
        #expect(report.failures[0].isPermanent)
        #expect(report.failures[0].reason.contains("RCPT TO <reject-me@ilan.gov.tw> rejected: 550"))
        #expect(try receiver.messages().isEmpty)
        let records = await log.records()
        #expect(records.map(\.state) == [.failed])
        #expect(try await !log.alreadySent(report.planned[0].key, channel: "mail"))
    }

    @Test func theClientNamesTheCommandAndQuotesTheReply() async throws {
        guard let receiver = try SMTPReceiver.start() else { return }
        let client = SMTPClient(host: "127.0.0.1", port: receiver.port)
        do {
            try await client.send(from: "a@b.tw", to: ["reject@b.tw"], message: Array("Subject: x\n\nbody\n".utf8))
            Issue.record("a refused recipient was accepted")
        } catch {
            #expect(error.command == "RCPT TO <reject@b.tw>")
            guard case .rejected(let reply) = error.reason else {
                Issue.record("expected a rejection, got \(error)")
                return
            }
            #expect(reply.code == 550)
            #expect(reply.lines == ["5.1.1 <reject@b.tw>: mailbox unavailable"])
            #expect(error.isPermanent)
        }
    }

    /// AUTH PLAIN with the receiver's test account. (aiosmtpd 1.4 does not answer a failed AUTH promptly, so the
    /// refusal path is covered by the reply checks every command shares.)
    @Test func authPlainIsAccepted() async throws {
        guard let receiver = try SMTPReceiver.start() else { return }
        let client = SMTPClient(
            host: "127.0.0.1", port: receiver.port,
            credentials: SMTPClient.Credentials(user: "vans", password: "secret"))
        try await client.send(from: "a@b.tw", to: ["c@d.tw"], message: Array("Subject: auth\n\nhello\n".utf8))
        let received = try receiver.messages()
        #expect(received.map { $0.header("Subject") } == ["auth"])
    }

    /// Lines starting with a dot survive the trip (dot-stuffing), and bare LFs become CRLF on the wire.
    @Test func leadingDotsAndBareLineFeedsSurviveTheTrip() async throws {
        guard let receiver = try SMTPReceiver.start() else { return }
        let client = SMTPClient(host: "127.0.0.1", port: receiver.port)
        let message = "Subject: dots\nX-Test: yes\n\n.leading dot\n..two dots\r\n.\nlast line"
        try await client.send(from: "a@b.tw", to: ["c@d.tw"], message: Array(message.utf8))
        let received = try receiver.messages()
        try #require(received.count == 1)
        #expect(received[0].header("Subject") == "dots")
        #expect(received[0].rawBody == ".leading dot\n..two dots\n.\nlast line\n")
    }

    /// Each planned message goes out exactly once, though the job runs every day and twice on some (a restart).
    @Test func eachPlannedMessageIsSentOnceAcrossRestarts() async throws {
        guard let receiver = try SMTPReceiver.start() else { return }
        let log = InMemorySentMessageLog()
        let directory = MailFixtures.directory()
        let records = [MailFixtures.record(host: "srv-01"), MailFixtures.record(host: "srv-02")]
        var sentKeys: [String] = []
        for time in [
            "2024-03-24T01:00:00Z", "2024-03-24T02:00:00Z", "2024-03-30T01:00:00Z", "2024-04-01T01:00:00Z",
            "2024-04-01T23:59:00Z", "2024-04-07T01:00:00Z", "2024-04-07T05:00:00Z", "2024-04-08T01:00:00Z",
        ] {
            let clock = FixedClock(time)
            let dispatcher = ReminderDispatcher(
                planner: ReminderPlanner(), senders: [MailFixtures.mailSender(port: receiver.port, clock: clock)],
                log: log, clock: clock)
            let report = try await dispatcher.dispatch(records: records, directory: directory)
            #expect(report.failures.isEmpty)
            sentKeys += report.sent
        }
        #expect(sentKeys.count == 8)
        #expect(Set(sentKeys).count == sentKeys.count)
        let received = try receiver.messages()
        #expect(received.count == 8)
        let ids = received.compactMap { $0.header("Message-ID") }
        #expect(Set(ids).count == 8)
        #expect(received.filter { $0.header("To") == "soc@ilan.gov.tw" }.count == 2)
        #expect(await log.records().allSatisfy { $0.state == .sent && $0.attempts == 1 })
    }

    @Test func aDailyDigestCarriesTheDaysMessagesAndMarksEachSent() async throws {
        guard let receiver = try SMTPReceiver.start() else { return }
        let log = InMemorySentMessageLog()
        let records = [MailFixtures.record(host: "srv-01"), MailFixtures.record(host: "srv-02")]
        for time in ["2024-04-07T01:00:00Z", "2024-04-07T03:00:00Z"] {
            let clock = FixedClock(time)
            let dispatcher = ReminderDispatcher(
                planner: ReminderPlanner(), senders: [MailFixtures.mailSender(port: receiver.port, clock: clock)],
                log: log, clock: clock, mode: .dailyDigest)
            _ = try await dispatcher.dispatch(records: records, directory: MailFixtures.directory())
        }
        let received = try receiver.messages()
        // One digest to the bureau (two overdue notices) and one to the county (two escalations).
        #expect(received.count == 2)
        #expect(received.compactMap(\.subject).sorted().allSatisfy { $0.contains("2 則通知") })
        #expect(await log.records().filter { $0.key.hasPrefix("remediation/") }.count == 4)
    }
}
