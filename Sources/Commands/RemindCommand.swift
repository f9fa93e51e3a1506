import AppCore
import ArgumentParser
import Foundation
import Governance
import Mail
import Remediation
import Storage
import VulnModel

/// `vans remind`: one run of the reminder job over the stored records and missing uploads (R22, R23, ADR 0011).
/// The SQL sent-message log makes a second run send nothing again.
struct RemindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Send the reminders and escalations due today (remediation deadlines, missing uploads).",
        discussion: """
            Mail goes to the addresses in --contacts (lines "OID address[,address…]" or "nation address…"); a \
            webhook, when given, receives every message. Each send is logged by its idempotency key before and \
            after it goes out, so running this again the same day sends nothing twice.
            """
    )

    @OptionGroup var storage: StorageOptions
    @Option(help: "The SMTP relay, HOST:PORT.") var smtp: String?
    @Option(help: "The sender address (default vans@localhost).") var from: String = "vans@localhost"
    @Option(help: "Mail addresses per recipient: lines \"OID address[,address…]\" or \"nation address…\".")
    var contacts: String?
    @Option(help: "An http:// URL that receives every message as JSON.") var webhook: String?
    @Option(help: "The HMAC-SHA256 secret for the webhook's signature header.") var webhookSecret: String?
    @Flag(help: "One message per recipient for the day instead of one per reminder.") var digest = false
    @Flag(help: "List what would be sent, and whether it was sent already; send and log nothing.") var dryRun = false
    @Option(help: "Act as of this instant (ISO 8601, e.g. 2026-11-01T09:00:00+08:00) instead of now.") var now: String?
    @Option(help: "How many past months to check for missing uploads (default 3).") var missingMonths: Int = 3

    func run() async throws {
        let clock: any WallClock =
            try now.map { text in
                guard let instant = Timestamp(iso8601: text) else {
                    throw CommandFailure(message: "--now: not an ISO 8601 instant: \(text)")
                }
                return FixedClock(instant: instant)
            } ?? SystemClock()
        let opened = try await storage.open()
        do {
            try await remind(backend: opened.backend, clock: clock)
        } catch {
            await opened.close()
            throw error
        }
        await opened.close()
    }

    private func remind(backend: Backend, clock: any WallClock) async throws {
        let agencyStore = SQLAgencyStore(backend: backend)
        let directory = try await agencyStore.directory()
        var senders: [any MessageSender] = []
        if let smtp {
            let parts = smtp.split(separator: ":")
            guard parts.count == 2, let port = Int(parts[1]), !parts[0].isEmpty else {
                throw CommandFailure(message: "--smtp: expected HOST:PORT, got \(smtp)")
            }
            let addresses = try contacts.map(Self.readContacts) ?? [:]
            if addresses.isEmpty { Console.error("vans remind: no --contacts, so no mail can be addressed") }
            senders.append(
                MailSender(
                    client: SMTPClient(host: String(parts[0]), port: port), composer: MailComposer(from: from),
                    addresses: addresses, clock: clock))
        }
        if let webhook {
            let endpoint: WebhookEndpoint
            do {
                endpoint = try WebhookEndpoint(parsing: webhook, secret: webhookSecret.map { Array($0.utf8) })
            } catch {
                throw CommandFailure(message: "--webhook: \(error.reason)")
            }
            var endpoints: [Recipient: WebhookEndpoint] = [.nation: endpoint]
            for agency in directory.all { endpoints[.agency(agency.id)] = endpoint }
            senders.append(WebhookSender(endpoints: endpoints))
        }
        if senders.isEmpty, !dryRun { throw CommandFailure(message: "nothing to send with: give --smtp or --webhook") }
        let audit = SQLAuditLog(backend: backend)
        let run = ReminderRun(
            records: SQLRemediationStore(backend: backend), agencies: agencyStore,
            uploads: SQLUploadStore(backend: backend),
            dispatcher: ReminderDispatcher(
                planner: ReminderPlanner(), senders: senders, log: SQLSentMessageLog(backend: backend), clock: clock,
                mode: digest ? .dailyDigest : .individual),
            missingUploadMonths: missingMonths, audit: audit)
        if dryRun {
            let lines = try await run.preview(now: clock.now())
            for line in lines {
                Console.output(
                    "\(line.alreadySent ? "sent already" : "would send")\t\(line.channel)\t\(line.message.recipient)\t\(line.message.key)"
                )
            }
            if senders.isEmpty {
                let plan = try await run.prepare(now: clock.now(), dryRun: true)
                let planned = run.dispatcher.planner.plan(
                    records: plan.active, missingUploads: plan.missingUploads, directory: plan.directory,
                    now: clock.now(), alreadySent: [])
                for message in planned { Console.output("planned\t-\t\(message.recipient)\t\(message.key)") }
            }
            return
        }
        let (plan, report) = try await run.run(now: clock.now())
        for failure in report.failures { Console.error("vans remind: \(failure)") }
        Console.output(
            "expired acceptances \(plan.expired.count), missing uploads \(plan.missingUploads.count), planned "
                + "\(report.planned.count), sent \(report.sent.count), already sent \(report.skipped), failed "
                + "\(report.failures.count)")
        try await audit.append(
            AuditEntry(
                at: clock.now(), actor: "system", agency: nil, action: "reminders.dispatched",
                subject: clock.now().dayInTaiwan.description,
                detail: "{\"planned\":\(report.planned.count),\"sent\":\(report.sent.count),"
                    + "\"skipped\":\(report.skipped),\"failed\":\(report.failures.count)}"))
        if !report.failures.isEmpty { throw ExitCode(1) }
    }

    /// `OID address[,address…]` or `nation address…` per line; `#` starts a comment.
    static func readContacts(_ path: String) throws -> [Recipient: [String]] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure(message: "\(path): cannot read: \(error.localizedDescription)")
        }
        var contacts: [Recipient: [String]] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
            guard let first = fields.first else { continue }
            guard fields.count >= 2, fields.dropFirst().allSatisfy({ $0.contains("@") }) else {
                throw CommandFailure(message: "\(path):\(index + 1): expected \"OID address…\"")
            }
            let recipient: Recipient
            if first == "nation" {
                recipient = .nation
            } else {
                do { recipient = .agency(try Agency.ID(first)) } catch {
                    throw CommandFailure(message: "\(path):\(index + 1): \(error)")
                }
            }
            contacts[recipient, default: []] += fields.dropFirst()
        }
        return contacts
    }
}
