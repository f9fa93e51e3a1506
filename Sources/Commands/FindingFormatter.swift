import AppCore
import JSON
import Matching
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
        var assessed: [CVEID: [UInt8]] = [:]
        try streaming {
            try report.result.forEachFinding { finding in
                if assessed[finding.cve] == nil {
                    assessed[finding.cve] = report.assessments[finding.cve].map(CSVRows.assessmentColumns)
                }
                guard let columns = assessed[finding.cve] else { return }
                try output.row(
                    [finding.host.rawValue, finding.cpe, finding.cve.description, finding.status.rawValue], finding,
                    columns)
            }
        }
        try output.finish()
    }

    /// One row per distinct CPE and CVE with the hosts counted; the evidence is the representative host's. Built
    /// from numbers and cached bytes: an item's name is escaped once, each criterion's text once.
    private func writeProducts(_ report: MatchReport, to sink: OutputSink) throws(CommandFailure) {
        var output = CSVRows(sink: sink, chunk: chunk)
        try output.row(Self.productsHeader)
        var item = (number: -1, field: [UInt8]())
        // Per CVE its id and assessment columns, per criterion its text and range: raw, and escaped for a field of
        // its own.
        var columns = [(cve: [UInt8], facts: [UInt8])?](repeating: nil, count: report.result.indexedCVECount)
        var criteria = [(raw: [UInt8], field: [UInt8])?](repeating: nil, count: report.result.criterionCount)
        var evidence: [UInt8] = []
        try streaming {
            try report.result.forEachItemFinding { finding in
                if columns[finding.cveNumber] == nil {
                    columns[finding.cveNumber] = report.assessments[finding.cve].map {
                        (Array(finding.cve.description.utf8), CSVRows.assessmentColumns($0))
                    }
                }
                guard let cve = columns[finding.cveNumber] else { return }
                if finding.item != item.number {
                    item = (finding.item, FindingFormatter.csvEscaped(Array(finding.cpe.utf8)))
                }
                var count = 0
                var single: [UInt8] = []
                var reason: String?
                evidence.removeAll(keepingCapacity: true)
                finding.forEachEvidence { number, why in
                    if criteria[number] == nil {
                        let (text, range) = report.result.criterion(number)
                        let raw = Array(CSVRows.criterionText(text, range).utf8)
                        criteria[number] = (raw, FindingFormatter.csvEscaped(raw))
                    }
                    guard let criterion = criteria[number] else { return }
                    if count > 0 { evidence.append(contentsOf: CSVRows.criteriaSeparator.utf8) }
                    evidence.append(contentsOf: criterion.raw)
                    single = criterion.field
                    count += 1
                    if reason == nil { reason = why }
                }
                try output.productRow(
                    item: item.field, cve: cve.cve, finding: finding, columns: cve.facts,
                    evidence: count == 1 ? single : FindingFormatter.csvEscaped(evidence), reason: reason ?? "")
            }
        }
        try output.finish()
    }

    static func csvField(_ text: String) -> String {
        // Scanned as bytes: a character-wise test misses CR LF (one `Character`) and cost more than the rest of
        // writing a report; a native string's bytes are contiguous, scanned as a buffer faster than through the view.
        let quoted = text.utf8.withContiguousStorageIfAvailable { $0.contains(where: isSpecial) }
        guard quoted ?? text.utf8.contains(where: isSpecial) else { return text }
        return String(decoding: csvEscaped(Array(text.utf8)), as: UTF8.self)
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D
    }

    /// A field's bytes as RFC 4180 has them: quoted, with quotes doubled, when they hold a comma, quote, CR or LF.
    static func csvEscaped(_ raw: [UInt8]) -> [UInt8] {
        guard raw.contains(where: isSpecial) else { return raw }
        var quoted: [UInt8] = [0x22]
        quoted.reserveCapacity(raw.count + 8)
        for byte in raw {
            if byte == 0x22 { quoted.append(0x22) }
            quoted.append(byte)
        }
        quoted.append(0x22)
        return quoted
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
/// columns are its assessment's, which writers render once per CVE (a CVE recurs on every host and version it
/// affects) and look up only then: copying an assessment out for every row cost more than the row.
private struct CSVRows {
    let sink: OutputSink
    let chunk: Int
    private var bytes: [UInt8] = []
    private var rowStarted = false

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

    /// The `factsHeader` columns of a CVE's assessment, escaped and joined. A CVE found but not assessed (every
    /// CVE found is) has none, and its rows are left out.
    static func assessmentColumns(_ assessment: CVEAssessment) -> [UInt8] {
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
        return columns
    }

    /// The `criteria` column: each evidence criterion with its range, if it has one, joined by `criteriaSeparator`.
    static func criterionText(_ criterion: String, _ range: String?) -> String {
        range.map { "\(criterion) \($0)" } ?? criterion
    }

    static let criteriaSeparator = "; "

    /// A finding's row: its own fields, its CVE's assessment columns (`assessmentColumns`), then its evidence.
    mutating func row(_ own: [String], _ finding: Finding, _ columns: [UInt8]) throws(CommandFailure) {
        for text in own { field(text) }
        bytes.append(0x2C)
        bytes.append(contentsOf: columns)
        field(
            finding.evidence.map { CSVRows.criterionText($0.criterion, $0.range) }
                .joined(separator: CSVRows.criteriaSeparator))
        field(finding.evidence.compactMap(\.reason).first ?? "")
        try endRow()
    }

    /// A products row (`productsHeader`): the item's escaped name, the CVE's id, the finding's own fields, its CVE's
    /// assessment columns, then the escaped evidence field and the reason.
    mutating func productRow(
        item: [UInt8], cve: [UInt8], finding: ItemFinding, columns: [UInt8], evidence: [UInt8], reason: String
    ) throws(CommandFailure) {
        bytes.append(contentsOf: item)
        bytes.append(0x2C)
        bytes.append(contentsOf: cve)
        bytes.append(0x2C)
        bytes.append(contentsOf: finding.status.rawValue.utf8)
        bytes.append(0x2C)
        bytes.append(contentsOf: String(finding.affectedHosts).utf8)
        bytes.append(0x2C)
        bytes.append(contentsOf: String(finding.indeterminateHosts).utf8)
        bytes.append(0x2C)
        bytes.append(contentsOf: columns)
        bytes.append(0x2C)
        bytes.append(contentsOf: evidence)
        rowStarted = true
        field(reason)
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
