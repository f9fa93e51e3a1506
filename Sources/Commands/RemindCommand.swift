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
    @OptionGroup var delivery: ReminderDelivery
    @Flag(help: "List what would be sent, and whether it was sent already; send and log nothing.") var dryRun = false
    @Option(help: "Act as of this instant (ISO 8601, e.g. 2026-11-01T09:00:00+08:00) instead of now.") var now: String?

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
        let run = try await delivery.channels().reminderRun(backend: backend, clock: clock)
        let senders = run.dispatcher.senders
        if senders.isEmpty, !dryRun { throw CommandFailure(message: "nothing to send with: give --smtp or --webhook") }
        if dryRun {
            // Without channels the preview has no lines: the plan alone is shown.
            if senders.isEmpty {
                for message in try await run.planned(now: clock.now()) {
                    Console.output("planned\t-\t\(message.recipient)\t\(message.key)")
                }
            } else {
                for line in try await run.preview(now: clock.now()) {
                    Console.output(
                        "\(line.alreadySent ? "sent already" : "would send")\t\(line.channel)\t\(line.message.recipient)\t\(line.message.key)"
                    )
                }
            }
            return
        }
        let (plan, report) = try await run.dispatchAndRecord(now: clock.now())
        for failure in report.failures { Console.error("vans remind: \(failure)") }
        Console.output(
            "expired acceptances \(plan.expired.count), missing uploads \(plan.missingUploads.count), planned "
                + "\(report.planned.count), sent \(report.sent.count), already sent \(report.skipped), failed "
                + "\(report.failures.count)")
        if !report.failures.isEmpty { throw ExitCode(1) }
    }
}
