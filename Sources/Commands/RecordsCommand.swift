import AppCore
import ArgumentParser
import Foundation
import Governance
import Remediation
import Storage
import VulnModel

/// `vans records`: an agency's remediation records as tab-separated lines, or only the overdue ones (R20).
struct RecordsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "List an agency's remediation records (state, deadline, days overdue), or only the overdue ones."
    )

    @OptionGroup var storage: StorageOptions
    @Option(help: "The agency's OID.") var agency: String
    @Flag(help: "Only open or planned records past their deadline, most overdue first.") var overdue = false
    @Option(help: "The day overdue is judged on (YYYY-MM-DD; default today in Taiwan).") var day: String?

    func run() async throws {
        let oid: Agency.ID
        do { oid = try Agency.ID(agency) } catch { throw CommandFailure(message: "--agency: \(error)") }
        let today: Day
        if let day {
            guard let parsed = Day(iso8601: day), day.utf8.count == 10 else {
                throw CommandFailure(message: "--day: not a YYYY-MM-DD day: \(day)")
            }
            today = parsed
        } else {
            today = SystemClock().now().dayInTaiwan
        }
        let opened = try await storage.open()
        let records: [TrackedRemediation]
        do {
            records = try await SQLRemediationStore(backend: opened.backend).records(agency: oid, host: nil)
        } catch {
            await opened.close()
            throw error
        }
        await opened.close()
        for line in Self.lines(records, today: today, overdueOnly: overdue) { Console.output(line) }
    }

    /// `host  CVE  vendor:product:version  status  deadline  days-overdue  KEV  reappeared`, with a header.
    static func lines(_ records: [TrackedRemediation], today: Day, overdueOnly: Bool) -> [String] {
        func daysOver(_ tracked: TrackedRemediation) -> Int? {
            guard !tracked.record.state.isClosed, let deadline = tracked.deadline?.day, today > deadline else {
                return nil
            }
            return today.daysSinceEpoch - deadline.daysSinceEpoch
        }
        var chosen = records
        if overdueOnly {
            chosen = records.filter { daysOver($0) != nil }.sorted { (daysOver($0) ?? 0) > (daysOver($1) ?? 0) }
        }
        return ["host\tcve\titem\tstatus\tdeadline\tdays_overdue\tkev\treappeared"]
            + chosen.map { tracked in
                let record = tracked.record
                return [
                    record.key.host.rawValue, record.key.cve.description, record.key.item.description,
                    record.statusLabel, tracked.deadline?.day.description ?? "",
                    daysOver(tracked).map(String.init) ?? "",
                    record.risk.isKEV ? "KEV" : "", record.reappeared ? "reappeared" : "",
                ].joined(separator: "\t")
            }
    }
}
