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
        case .products: try writeProducts(report, to: sink)
        }
    }

    private func writeJSON(_ report: MatchReport, to sink: OutputSink) throws(CommandFailure) {
        var writer = JSONWriter(reservingCapacity: chunk * 2)
        var facts: [CVEID: [UInt8]] = [:]
        writer.beginArray()
        try streaming {
            // A CVE's assessment is looked up only the first time: its facts are rendered once, then reused.
            try report.result.forEachFinding { finding in
                let rendered: [UInt8]
                if let cached = facts[finding.cve] {
                    rendered = cached
                } else {
                    guard let assessment = report.assessments[finding.cve] else { return }
                    rendered = JSONWriter.renderFacts(assessment)
                    facts[finding.cve] = rendered
                }
                writer.newline()
                writer.write(finding, facts: rendered)
                if writer.bytes.count >= chunk { try sink.write(writer.take()) }
            }
        }
        writer.newline()
        writer.endArray()
        writer.newline()
        try sink.write(writer.take())
    }

    /// The columns after the finding's own: its CVE's assessment, then the evidence.
    static let factsHeader = [
        "cvss_version", "base_score", "vector", "severity", "high_risk", "kev", "kev_due_date", "epss",
        "epss_percentile", "references", "criteria", "reason",
    ]
    static let csvHeader = ["host", "cpe", "cve", "status"] + factsHeader
    static let productsHeader = ["cpe", "cve", "status", "hosts_affected", "hosts_indeterminate"] + factsHeader

    private func writeCSV(_ report: MatchReport, to sink: OutputSink) throws(CommandFailure) {
        var output = CSVRows(sink: sink, chunk: chunk)
        try output.row(Self.csvHeader)
        try streaming {
            try report.result.forEachFinding { finding in
                guard let columns = output.assessmentColumns(finding.cve, report.assessments) else { return }
                try output.row(
                    [finding.host.rawValue, finding.cpe, finding.cve.description, finding.status.rawValue], finding,
                    columns)
            }
        }
        try output.finish()
    }

    /// One row per distinct CPE and CVE with the hosts counted; the evidence is the representative host's.
    private func writeProducts(_ report: MatchReport, to sink: OutputSink) throws(CommandFailure) {
        var output = CSVRows(sink: sink, chunk: chunk)
        try output.row(Self.productsHeader)
        try streaming {
            try report.result.forEachItemFinding { item in
                let finding = item.representative
                guard let columns = output.assessmentColumns(finding.cve, report.assessments) else { return }
                let own = [
                    finding.cpe, finding.cve.description, item.status.rawValue, "\(item.affectedHosts)",
                    "\(item.indeterminateHosts)",
                ]
                try output.row(own, finding, columns)
            }
        }
        try output.finish()
    }

    static func csvField(_ text: String) -> String {
        // Scanned as bytes: a character-wise test misses CR LF (one `Character`) and cost more than the rest of
        // writing a report; a native string's bytes are contiguous, scanned as a buffer faster than through the view.
        func special(_ byte: UInt8) -> Bool { byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D }
        let quoted = text.utf8.withContiguousStorageIfAvailable { $0.contains(where: special) }
        guard quoted ?? text.utf8.contains(where: special) else { return text }
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if byte == 0x22 { bytes.append(0x22) }
            bytes.append(byte)
        }
        bytes.append(0x22)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func writeSummary(_ report: MatchReport, to sink: OutputSink) throws(CommandFailure) {
        var output = CSVRows(sink: sink, chunk: chunk)
        try output.row(["host", "findings", "affected", "indeterminate", "high_risk", "kev"])
        var total = HostSummary()
        func fields(_ host: String, _ summary: HostSummary) -> [String] {
            [
                host, "\(summary.findings)", "\(summary.affected)", "\(summary.indeterminate)",
                "\(summary.highRisk)", "\(summary.knownExploited)",
            ]
        }
        try streaming {
            try report.forEachHostSummary { host, summary in
                total.findings += summary.findings
                total.affected += summary.affected
                total.indeterminate += summary.indeterminate
                total.highRisk += summary.highRisk
                total.knownExploited += summary.knownExploited
                try output.row(fields(host.rawValue, summary))
            }
        }
        try output.row(fields("TOTAL", total))
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

/// CSV rows built as bytes (RFC 4180 quoting) and handed to the sink in chunks. A finding's `factsHeader`
/// columns are its assessment's, escaped once per CVE (a CVE recurs on every host and version it affects), then
/// its evidence. A CVE's assessment is looked up only then: copying it out for every row cost more than the row.
private struct CSVRows {
    let sink: OutputSink
    let chunk: Int
    private var bytes: [UInt8] = []
    private var rowStarted = false
    private var assessed: [CVEID: [UInt8]] = [:]

    init(sink: OutputSink, chunk: Int) {
        self.sink = sink
        self.chunk = chunk
        bytes.reserveCapacity(chunk + chunk / 4)
    }

    private mutating func field(_ text: String) {
        if rowStarted { bytes.append(0x2C) }
        rowStarted = true
        bytes.append(contentsOf: FindingFormatter.csvField(text).utf8)
    }

    mutating func row(_ fields: [String]) throws(CommandFailure) {
        for text in fields { field(text) }
        try endRow()
    }

    /// The `factsHeader` columns of a CVE's assessment, escaped and joined the first time it is asked for; nil
    /// when the CVE was not assessed (every CVE found is), and then the row is left out.
    mutating func assessmentColumns(_ cve: CVEID, _ assessments: CVEAssessments) -> [UInt8]? {
        if let known = assessed[cve] { return known }
        guard let assessment = assessments[cve] else { return nil }
        let risk = assessment.risk
        let kev = assessment.kev
        let epss = assessment.epss
        let texts: [String] = [
            risk?.version.rawValue ?? "", risk.map { "\($0.baseScore)" } ?? "", risk?.vector ?? "",
            risk?.severity.rawValue ?? "", risk.map { "\($0.highRisk)" } ?? "", "\(kev != nil)",
            kev?.dueDate?.description ?? "", epss.map { "\($0.probability)" } ?? "",
            epss.map { "\($0.percentile)" } ?? "",
            assessment.references.prefix(3).map(\.url).joined(separator: " "),
        ]
        var columns: [UInt8] = []
        for (position, text) in texts.enumerated() {
            if position > 0 { columns.append(0x2C) }
            columns.append(contentsOf: FindingFormatter.csvField(text).utf8)
        }
        assessed[cve] = columns
        return columns
    }

    /// A finding's row: its own fields, its CVE's assessment columns (`assessmentColumns`), then its evidence.
    mutating func row(_ own: [String], _ finding: Finding, _ columns: [UInt8]) throws(CommandFailure) {
        for text in own { field(text) }
        bytes.append(0x2C)
        bytes.append(contentsOf: columns)
        field(
            finding.evidence.map { [$0.criterion, $0.range].compactMap { $0 }.joined(separator: " ") }
                .joined(separator: "; "))
        field(finding.evidence.compactMap(\.reason).first ?? "")
        try endRow()
    }

    private mutating func endRow() throws(CommandFailure) {
        bytes.append(0x0A)
        rowStarted = false
        if bytes.count >= chunk {
            try sink.write(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    mutating func finish() throws(CommandFailure) {
        try sink.write(bytes)
        bytes.removeAll()
    }
}
