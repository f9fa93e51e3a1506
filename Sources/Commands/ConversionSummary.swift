import Identification
import Inventory
import JSON

/// One file's conversion report (DOMAIN R13): rows, converted, failed by code, prohibited by category, and what
/// reading found (rows that could not be read, warnings, entries skipped on purpose, each issue with its line).
/// Written as text to standard error and, when asked, as JSON.
struct ConversionSummary {
    let file: String
    let report: ConversionReport
    let summary: InventorySummary
    let issues: [InventoryIssue]
    /// Rows with a CPE that matching refused (`vans match` only).
    var refused: [(row: Int, reason: String)] = []

    /// Lines of issues shown on standard error; all of them are in the JSON report.
    static let shownIssues = 20

    var text: String {
        var lines: [String] = []
        let format = [summary.format?.rawValue, summary.encoding?.rawValue].compactMap { $0 }.joined(separator: ", ")
        var head = "\(file)\(format.isEmpty ? "" : " (\(format))"): \(report.rows) rows, \(report.converted) converted"
        let methods = report.byMethod.sorted { $0.key.rawValue < $1.key.rawValue }
        if !methods.isEmpty {
            head += " (" + methods.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ") + ")"
        }
        head += ", \(report.failedRows) failed"
        let failures = report.failed.sorted { $0.key < $1.key }
        if !failures.isEmpty {
            head += " (" + failures.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ") + ")"
        }
        head += ", \(report.prohibitedRows) prohibited"
        let categories = report.prohibitedByCategory.sorted { $0.key < $1.key }
        if !categories.isEmpty {
            head += " (" + categories.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ") + ")"
        }
        head += "; \(report.distinctKeys) distinct"
        lines.append(head)
        var reading = "\(summary.errors) rows unreadable, \(summary.warnings) warnings"
        let skipped = summary.skipped.filter { $0.value > 0 }.sorted { $0.key.rawValue < $1.key.rawValue }
        if !skipped.isEmpty {
            reading += "; skipped " + skipped.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        }
        if !refused.isEmpty { reading += "; \(refused.count) rows refused by matching" }
        lines.append("  " + reading)
        return lines.joined(separator: "\n")
    }

    func json() -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("file")
        writer.string(file)
        writer.key("format")
        if let format = summary.format { writer.string(format.rawValue) } else { writer.null() }
        writer.key("encoding")
        if let encoding = summary.encoding { writer.string(encoding.rawValue) } else { writer.null() }
        for (key, value) in [
            ("rows", report.rows), ("converted", report.converted), ("failedRows", report.failedRows),
            ("distinctKeys", report.distinctKeys),
        ] {
            writer.key(key)
            writer.number(value)
        }
        writer.key("failed")
        counts(FailureCode.allCases.sorted().map { ($0.rawValue, report.failed[$0] ?? 0) }, &writer)
        writer.key("byMethod")
        counts(report.byMethod.map { ($0.key.rawValue, $0.value) }.sorted { $0.0 < $1.0 }, &writer)
        writer.key("prohibited")
        writer.beginObject()
        writer.key("rows")
        writer.number(report.prohibitedRows)
        writer.key("byCategory")
        counts(
            ProhibitedCategory.allCases.sorted().map { ($0.rawValue, report.prohibitedByCategory[$0] ?? 0) }, &writer)
        writer.endObject()
        writer.key("reading")
        writer.beginObject()
        for (key, value) in [
            ("bytes", summary.bytes), ("records", summary.records), ("unreadableRows", summary.errors),
            ("warnings", summary.warnings), ("suppressedIssues", summary.suppressedIssues),
        ] {
            writer.key(key)
            writer.number(value)
        }
        writer.key("skipped")
        counts(summary.skipped.map { ($0.key.rawValue, $0.value) }.sorted { $0.0 < $1.0 }, &writer)
        writer.endObject()
        writer.key("issues")
        writer.beginArray()
        for issue in issues {
            writer.newline()
            writer.beginObject()
            writer.key("file")
            writer.string(file)
            writer.key("line")
            writer.number(issue.row)
            writer.key("field")
            if let field = issue.field { writer.string(field) } else { writer.null() }
            writer.key("offset")
            if let offset = issue.offset { writer.number(offset) } else { writer.null() }
            writer.key("severity")
            writer.string(issue.severity.rawValue)
            writer.key("reason")
            writer.string(issue.reason)
            writer.endObject()
        }
        for refusal in refused {
            writer.newline()
            writer.beginObject()
            writer.key("file")
            writer.string(file)
            writer.key("line")
            writer.number(refusal.row)
            writer.key("field")
            writer.string("cpe")
            writer.key("offset")
            writer.null()
            writer.key("severity")
            writer.string(InventoryIssue.Severity.error.rawValue)
            writer.key("reason")
            writer.string(refusal.reason)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        writer.newline()
        return writer.take()
    }

    private func counts(_ pairs: [(String, Int)], _ writer: inout JSONWriter) {
        writer.beginObject()
        for (key, value) in pairs {
            writer.key(key)
            writer.number(value)
        }
        writer.endObject()
    }
}

extension ConversionSummary {
    /// Row issues (the first `shownIssues`) and the report on standard error; the JSON report to `reportPath`.
    func emit(inventory: InventoryInput, reportPath: String?) throws(CommandFailure) {
        var lines = issues.prefix(Self.shownIssues).map(inventory.describe)
        lines += refused.prefix(max(0, Self.shownIssues - lines.count)).map {
            "\(file):\($0.row): field cpe: \($0.reason)"
        }
        let total = issues.count + refused.count
        if total > lines.count { lines.append("… and \(total - lines.count) more issues (all in --report)") }
        lines.append(text)
        Console.error(lines.joined(separator: "\n"))
        guard let reportPath else { return }
        let sink = try OutputSink(path: reportPath)
        try sink.write(json())
        try sink.finish()
    }
}
