import AppCore
import JSON
import VulnModel

/// Writes findings as JSON (an array of objects), CSV or a text table, streaming in chunks.
struct FindingFormatter {
    let format: MatchCommand.Format
    private let chunk = 1 << 20

    init(format: MatchCommand.Format) {
        self.format = format
    }

    func write(_ report: MatchReport, to sink: OutputSink) throws(CommandFailure) {
        switch format {
        case .json: try writeJSON(report, to: sink)
        case .csv: try writeCSV(report, to: sink)
        case .table: try writeTable(report, to: sink)
        case .summary: try writeSummary(report, to: sink)
        }
    }

    private func writeJSON(_ report: MatchReport, to sink: OutputSink) throws(CommandFailure) {
        var writer = JSONWriter(reservingCapacity: chunk * 2)
        var facts: [CVEID: [UInt8]] = [:]
        writer.beginArray()
        try streaming {
            try report.forEachFinding { finding, assessment in
                writer.newline()
                let rendered: [UInt8]
                if let cached = facts[finding.cve] {
                    rendered = cached
                } else {
                    rendered = JSONWriter.renderFacts(assessment)
                    facts[finding.cve] = rendered
                }
                writer.write(finding, facts: rendered)
                if writer.bytes.count >= chunk { try sink.write(writer.take()) }
            }
        }
        writer.newline()
        writer.endArray()
        writer.newline()
        try sink.write(writer.take())
    }

    static let csvHeader = [
        "host", "cpe", "cve", "status", "cvss_version", "base_score", "vector", "severity", "high_risk", "kev",
        "kev_due_date", "epss", "epss_percentile", "references", "criteria", "reason",
    ]

    private func writeCSV(_ report: MatchReport, to sink: OutputSink) throws(CommandFailure) {
        var output = ChunkedText(sink: sink, chunk: chunk)
        try output.append(Self.csvHeader.joined(separator: ",") + "\n")
        try streaming {
            try report.forEachFinding { finding, assessment in
                let risk = assessment.risk
                let fields: [String] = [
                    finding.host.rawValue, finding.cpe, finding.cve.description, finding.status.rawValue,
                    risk?.version.rawValue ?? "", risk.map { "\($0.baseScore)" } ?? "", risk?.vector ?? "",
                    risk?.severity.rawValue ?? "", risk.map { "\($0.highRisk)" } ?? "", "\(assessment.kev != nil)",
                    assessment.kev?.dueDate?.description ?? "", assessment.epss.map { "\($0.probability)" } ?? "",
                    assessment.epss.map { "\($0.percentile)" } ?? "",
                    assessment.references.prefix(3).map(\.url).joined(separator: " "),
                    finding.evidence.map { [$0.criterion, $0.range].compactMap { $0 }.joined(separator: " ") }
                        .joined(separator: "; "),
                    finding.evidence.compactMap(\.reason).first ?? "",
                ]
                try output.append(fields.map(Self.csvField).joined(separator: ",") + "\n")
            }
        }
        try output.finish()
    }

    static func csvField(_ text: String) -> String {
        // Scanned as bytes: a character-wise test misses CR LF (one `Character`), and costs more than the rest of
        // writing a report.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    private func writeSummary(_ report: MatchReport, to sink: OutputSink) throws(CommandFailure) {
        var output = ChunkedText(sink: sink, chunk: chunk)
        try output.append("host,findings,affected,indeterminate,high_risk,kev\n")
        var total = HostSummary()
        func line(_ host: String, _ summary: HostSummary) -> String {
            [
                Self.csvField(host), "\(summary.findings)", "\(summary.affected)", "\(summary.indeterminate)",
                "\(summary.highRisk)", "\(summary.knownExploited)",
            ].joined(separator: ",") + "\n"
        }
        try streaming {
            try report.forEachHostSummary { host, summary in
                total.findings += summary.findings
                total.affected += summary.affected
                total.indeterminate += summary.indeterminate
                total.highRisk += summary.highRisk
                total.knownExploited += summary.knownExploited
                try output.append(line(host.rawValue, summary))
            }
        }
        try output.append(line("TOTAL", total))
        try output.finish()
    }

    /// Runs a report iteration whose closure writes to the sink, keeping the sink's typed failure.
    private func streaming(_ body: () throws -> Void) throws(CommandFailure) {
        do {
            try body()
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    /// Known exploited and high-risk first (R16), then by score; one line per finding.
    private func writeTable(_ report: MatchReport, to sink: OutputSink) throws(CommandFailure) {
        var rows: [(priority: (Int, Double), cells: [String])] = []
        report.forEachFinding { finding, assessment in
            let risk = assessment.risk
            rows.append(
                (
                    assessment.priority,
                    [
                        finding.host.rawValue, TableLayout.shortCPE(finding.cpe), finding.cve.description,
                        finding.status == .affected ? "affected" : "indeterminate",
                        risk.map { "\($0.baseScore) v\($0.version.rawValue)" } ?? "-",
                        risk?.severity.rawValue ?? "-", risk?.highRisk == true ? "HIGH-RISK" : "",
                        assessment.kev.map { "KEV due \($0.dueDate?.description ?? "?")" } ?? "",
                        assessment.epss.map { "\(($0.probability * 1000).rounded() / 1000)" } ?? "",
                    ]
                )
            )
        }
        rows.sort { $0.priority > $1.priority }
        let header = ["HOST", "ITEM", "CVE", "STATUS", "CVSS", "SEVERITY", "RISK", "KEV", "EPSS"]
        try sink.write(TableLayout.render(header: header, rows: rows.map(\.cells)))
        try sink.write("\(rows.count) findings\n")
    }
}

/// Text handed to a sink in chunks of about `chunk` bytes.
private struct ChunkedText {
    let sink: OutputSink
    let chunk: Int
    private var buffer = ""

    init(sink: OutputSink, chunk: Int) {
        self.sink = sink
        self.chunk = chunk
    }

    mutating func append(_ text: String) throws(CommandFailure) {
        buffer += text
        if buffer.utf8.count >= chunk {
            try sink.write(buffer)
            buffer = ""
        }
    }

    mutating func finish() throws(CommandFailure) {
        try sink.write(buffer)
        buffer = ""
    }
}
