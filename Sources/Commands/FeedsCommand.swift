import ArgumentParser
import Foundation
import Matching
import Snapshot
import VulnModel

/// `vans feeds …`: the vulnerability knowledge base.
struct FeedsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "Load and inspect vulnerability feeds; keep the service's knowledge base current.",
        subcommands: [
            FeedsStatsCommand.self, FeedsSnapshotCommand.self, FeedsImportCommand.self, FeedsSyncCommand.self,
            FeedsStatusCommand.self,
        ]
    )
}

/// `vans feeds stats PATH…`: what the feeds hold, and what could not be read.
struct FeedsStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count CVEs, configurations, criteria and diagnostics in feed files or folders."
    )

    @Argument(help: "Feed files or folders (NVD 2.0/1.1, overrides, CVE JSON 5, KEV, EPSS).")
    var paths: [String]

    @Flag(help: "List every diagnostic, not only the counts.")
    var diagnostics = false

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let knowledgeBase = try await loadKnowledgeBase(paths)
        let loaded = clock.now
        let index = MatchIndex(knowledgeBase: knowledgeBase)
        let indexed = clock.now
        let statistics = FeedStatistics(knowledgeBase: knowledgeBase, index: index)
        Console.output(statistics.report(loadTime: loaded - start, indexTime: indexed - loaded))
        if diagnostics {
            for diagnostic in knowledgeBase.diagnostics + index.diagnostics { Console.output(diagnostic.description) }
        }
    }
}

/// `vans feeds snapshot PATH… --output FILE`: a prepared knowledge base for fast matching.
struct FeedsSnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Load feeds, build the match index, and write both to one file for `vans match --snapshot`."
    )

    @Argument(help: "Feed files or folders (NVD 2.0/1.1, overrides, CVE JSON 5, KEV, EPSS).")
    var paths: [String]

    @Option(help: "The snapshot file to write (replaced whole when complete).")
    var output: String

    func run() async throws {
        let knowledgeBase = try await loadKnowledgeBase(paths)
        let index = MatchIndex(knowledgeBase: knowledgeBase)
        let sink = try OutputSink(path: output)
        try sink.write(KnowledgeSnapshot.encode(knowledgeBase: knowledgeBase, index: index))
        try sink.finish()
        let diagnostics = knowledgeBase.diagnostics.count + index.diagnostics.count
        Console.error(
            "\(output): \(index.cveCount) CVEs, \(index.criterionCount) criteria from \(knowledgeBase.documents.count) "
                + "documents (\(diagnostics) diagnostics; see `vans feeds stats`)"
        )
    }
}

/// The counts `vans feeds stats` prints.
struct FeedStatistics {
    var documentsByKind: [FeedKind: Int] = [:]
    var cves = 0
    var rejected = 0
    var cvesWithConfigurations = 0
    var configurationSources: [FeedKind: Int] = [:]
    var configurations = 0
    var criteria = 0
    var distinctCriteria = 0
    var products = 0
    var indexedCVEs = 0
    var hostDependentCVEs = 0
    var kev = 0
    var epss = 0
    var diagnostics: [Diagnostic.Kind: Int] = [:]

    init(knowledgeBase: KnowledgeBase, index: MatchIndex) {
        for document in knowledgeBase.documents { documentsByKind[document.kind, default: 0] += 1 }
        cves = knowledgeBase.records.count
        for record in knowledgeBase.records.values {
            if record.status == .rejected { rejected += 1 }
            guard !record.configurations.isEmpty else { continue }
            cvesWithConfigurations += 1
            configurationSources[record.effectiveConfigurationProvenance.kind, default: 0] += 1
            configurations += record.configurations.count
            for configuration in record.configurations {
                for node in configuration.nodes { criteria += node.matches.count }
            }
        }
        distinctCriteria = index.criterionCount
        products = index.productCount
        indexedCVEs = index.cveCount
        hostDependentCVEs = index.hostDependentCVECount
        kev = knowledgeBase.kev.count
        epss = knowledgeBase.epss.count
        diagnostics = (knowledgeBase.diagnostics + index.diagnostics).countsByKind
    }

    func report(loadTime: Duration, indexTime: Duration) -> String {
        var lines: [(String, String)] = []
        for kind in FeedKind.allCases where documentsByKind[kind] != nil {
            lines.append(("documents \(kind.rawValue)", "\(documentsByKind[kind] ?? 0)"))
        }
        lines += [
            ("CVEs", "\(cves)"), ("rejected CVEs", "\(rejected)"),
            ("CVEs with configurations", "\(cvesWithConfigurations)"),
        ]
        for kind in FeedKind.allCases where configurationSources[kind] != nil {
            lines.append(("  configurations from \(kind.rawValue)", "\(configurationSources[kind] ?? 0)"))
        }
        lines += [
            ("configurations", "\(configurations)"), ("match criteria", "\(criteria)"),
            ("distinct criteria", "\(distinctCriteria)"), ("vendor:product keys", "\(products)"),
            ("indexed CVEs", "\(indexedCVEs)"), ("  needing the whole host", "\(hostDependentCVEs)"),
            ("KEV entries", "\(kev)"), ("EPSS scores", "\(epss)"),
            ("diagnostics", "\(diagnostics.values.reduce(0, +))"),
        ]
        for (kind, count) in diagnostics.sorted(by: { $0.key < $1.key }) {
            lines.append(("  \(kind.rawValue)", "\(count)"))
        }
        lines += [("load time", "\(loadTime.formatted) s"), ("index time", "\(indexTime.formatted) s")]
        if let peak = ProcessMemory.peakResidentMegabytes { lines.append(("peak resident memory", "\(peak) MB")) }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 }.joined(separator: "\n")
    }
}

extension Duration {
    /// Seconds with millisecond precision, for humans.
    var formatted: String {
        let (seconds, attoseconds) = components
        let milliseconds = attoseconds / 1_000_000_000_000_000
        return "\(seconds)." + String(repeating: "0", count: 3 - String(milliseconds).count) + "\(milliseconds)"
    }
}

/// The process's peak resident set size, from /proc (Linux); nil elsewhere.
enum ProcessMemory {
    static var peakResidentMegabytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes / 1024
    }
}
