import AppCore
import ArgumentParser
import Foundation
import Governance
import Remediation
import Storage
import VulnModel

/// `vans stats`: the supervisor's remediation figures (R24) per agency, city/county or region group, as CSV.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Remediation figures per agency, city/county or region group, as CSV (R24)."
    )

    @OptionGroup var storage: StorageOptions
    @Option(help: "agency, local-government or region-group (default agency).") var by: String = "agency"
    @Option(help: "The day the figures are for (YYYY-MM-DD; default today in Taiwan).") var day: String?
    @Option(help: "Upload counts from this month (default 11 months before the day's month).") var from: String?
    @Option(help: "Write the CSV here instead of standard output.") var output: String?

    func run() async throws {
        guard let level = FiguresRollup.Level(rawValue: by) else {
            throw CommandFailure(message: "--by: expected agency, local-government or region-group, got \(by)")
        }
        let today: Day
        if let day {
            guard let parsed = Day(iso8601: day), day.utf8.count == 10 else {
                throw CommandFailure(message: "--day: not a YYYY-MM-DD day: \(day)")
            }
            today = parsed
        } else {
            today = SystemClock().now().dayInTaiwan
        }
        let last = ReportingMonth(containing: today)
        let first: ReportingMonth
        do { first = try from.map { try ReportingMonth(parsing: $0) } ?? last.adding(months: -11) } catch {
            throw CommandFailure(message: "--from: \(error)")
        }
        guard first <= last else {
            throw CommandFailure(message: "--from \(first.gregorian) is after \(last.gregorian)")
        }
        let opened = try await storage.open()
        let figures: [AgencyFigures]
        let directory: AgencyDirectory
        do {
            figures = try await SQLRemediationFigures(backend: opened.backend).figures(on: today, months: first...last)
            directory = try await SQLAgencyStore(backend: opened.backend).directory()
        } catch {
            await opened.close()
            throw error
        }
        await opened.close()
        var months: [ReportingMonth] = []
        var month = first
        while month <= last {
            months.append(month)
            month = month.next
        }
        let text = Self.csv(FiguresRollup.rollUp(figures, by: level, directory: directory), months: months)
        if let output {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                throw CommandFailure(message: "\(output): cannot write: \(error.localizedDescription)")
            }
        } else {
            print(text, terminator: "")
        }
    }

    static func csv(_ rows: [(name: String, figures: AgencyFigures)], months: [ReportingMonth]) -> String {
        func decimal(_ value: Double?) -> String {
            guard let value else { return "" }
            return String((value * 10).rounded() / 10)
        }
        var lines = [
            ([
                "name", "open", "open_kev", "overdue", "mean_overdue_days", "max_overdue_days", "remediated",
                "mean_days_to_remediate", "reappeared",
            ] + months.map { "uploads_\($0.gregorian)" })
            .joined(separator: ",")
        ]
        for (name, item) in rows {
            let fields =
                [
                    name, String(item.open), String(item.openKEV), String(item.overdue), decimal(item.meanOverdueDays),
                    String(item.maxOverdueDays), String(item.remediated), decimal(item.meanDaysToRemediate),
                    String(item.reappeared),
                ] + months.map { String(item.uploads[$0] ?? 0) }
            lines.append(fields.map(quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// `vans vex`: the stored decisions as a CycloneDX 1.6 VEX document (ADR 0008).
struct VEXCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vex", abstract: "Export the stored decisions as a CycloneDX 1.6 VEX document.")

    @OptionGroup var storage: StorageOptions
    @Option(help: "Write the document here instead of standard output.") var output: String?
    @Flag(help: "Only the decisions in force today.") var inForce = false

    func run() async throws {
        let opened = try await storage.open()
        let decisions: [Decision]
        do {
            decisions = try await SQLRemediationStore(backend: opened.backend).decisions()
        } catch {
            await opened.close()
            throw error
        }
        await opened.close()
        let now = SystemClock().now()
        let chosen = inForce ? decisions.filter { $0.isInForce(on: now.dayInTaiwan) } : decisions
        let document = VEXExporter().export(chosen, generatedAt: now)
        if let output {
            do { try Data(document).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                throw CommandFailure(message: "\(output): cannot write: \(error.localizedDescription)")
            }
        } else {
            print(String(decoding: document, as: UTF8.self), terminator: "")
        }
    }
}
