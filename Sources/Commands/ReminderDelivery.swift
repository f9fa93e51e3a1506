import AppCore
import ArgumentParser
import Foundation
import Governance
import Mail
import Remediation
import Storage
import VulnModel

/// How reminders are delivered: the SMTP relay and contacts, the webhook, digest or not. `vans remind` and the
/// daily run in `vans serve` take the same flags and build the same `ReminderRun` from them.
struct ReminderDelivery: ParsableArguments {
    @Option(help: "The SMTP relay, HOST:PORT.") var smtp: String?
    @Option(help: "The sender address (default vans@localhost).") var from: String = "vans@localhost"
    @Option(help: "Mail addresses per recipient: lines \"OID address[,address…]\" or \"nation address…\".")
    var contacts: String?
    @Option(help: "An http:// URL that receives every message as JSON.") var webhook: String?
    @Option(help: "The HMAC-SHA256 secret for the webhook's signature header.") var webhookSecret: String?
    @Flag(help: "One message per recipient for the day instead of one per reminder.") var digest = false
    @Option(help: "How many past months to check for missing uploads (default 3).") var missingMonths: Int = 3

    /// Whether any channel is configured.
    var hasChannel: Bool { smtp != nil || webhook != nil }

    /// The flags as plain values, checked as far as they can be without storage (so a mistake stops the command
    /// before it opens anything).
    func channels() throws -> ReminderChannels {
        ReminderChannels(
            smtp: try smtp.map(ReminderChannels.relay), from: from,
            contacts: try contacts.map(ReminderChannels.readContacts) ?? [:],
            webhook: try webhook.map { try ReminderChannels.endpoint($0, secret: webhookSecret) }, digest: digest,
            missingMonths: missingMonths)
    }
}

/// The channels `ReminderDelivery`'s flags name, as values that can go into the scheduled job.
struct ReminderChannels: Sendable {
    var smtp: (host: String, port: Int)?
    var from: String
    var contacts: [Recipient: [String]]
    var webhook: WebhookEndpoint?
    var digest: Bool
    var missingMonths: Int

    /// The senders for the current directory (a webhook reaches every agency in it).
    func senders(directory: AgencyDirectory, clock: any WallClock) -> [any MessageSender] {
        var senders: [any MessageSender] = []
        if let smtp {
            if contacts.isEmpty { Console.error("reminders: no --contacts, so no mail can be addressed") }
            senders.append(
                MailSender(
                    client: SMTPClient(host: smtp.host, port: smtp.port), composer: MailComposer(from: from),
                    addresses: contacts, clock: clock))
        }
        if let webhook {
            var endpoints: [Recipient: WebhookEndpoint] = [.nation: webhook]
            for agency in directory.all { endpoints[.agency(agency.id)] = webhook }
            senders.append(WebhookSender(endpoints: endpoints))
        }
        return senders
    }

    /// One run over the stored records with these channels and the SQL sent-message log.
    func reminderRun(backend: Backend, clock: any WallClock) async throws -> ReminderRun {
        let agencies = SQLAgencyStore(backend: backend)
        let senders = senders(directory: try await agencies.directory(), clock: clock)
        return ReminderRun(
            records: SQLRemediationStore(backend: backend), agencies: agencies,
            uploads: SQLUploadStore(backend: backend),
            dispatcher: ReminderDispatcher(
                planner: ReminderPlanner(), senders: senders, log: SQLSentMessageLog(backend: backend), clock: clock,
                mode: digest ? .dailyDigest : .individual),
            missingUploadMonths: missingMonths, audit: SQLAuditLog(backend: backend))
    }

    static func relay(_ text: String) throws -> (host: String, port: Int) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1]), !parts[0].isEmpty else {
            throw CommandFailure(message: "--smtp: expected HOST:PORT, got \(text)")
        }
        return (host: String(parts[0]), port: port)
    }

    static func endpoint(_ text: String, secret: String?) throws -> WebhookEndpoint {
        do {
            return try WebhookEndpoint(parsing: text, secret: secret.map { Array($0.utf8) })
        } catch {
            throw CommandFailure(message: "--webhook: \(error.reason)")
        }
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
