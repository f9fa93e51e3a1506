import AppCore
import ArgumentParser
import FeedFiles
import Foundation
import Inventory
import Matching
import Snapshot
import VulnModel

#if canImport(Glibc)
    import Glibc
#endif

/// `vans match`: which CVEs affect what an inventory lists.
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Match an inventory (host,cpe CSV or any inventory format) against vulnerability feeds.",
        discussion: """
            --nvd takes NVD CVE API 2.0 files and responses, NVD 1.1 feeds, configuration overrides and CVE JSON 5 \
            (with CISA ADP) records, as files or folders, .json or .json.gz; the format is recognised from the \
            content. --kev and --epss take the CISA KEV catalogue and FIRST EPSS scores. --snapshot takes a \
            prepared knowledge base made by `vans feeds snapshot` instead of the feeds.

            --inventory is a CSV whose header is exactly host,cpe (read strictly: a malformed CPE refuses the file), \
            or any format `vans identify` reads: rows that carry a CPE are validated (a malformed one is reported \
            with its line and left out), the others are identified with the products of the loaded vulnerability \
            data (and --cpe-dictionary) as vocabulary, and the conversion report goes to standard error. Rows of \
            formats that name no host (a .reg export, a dpkg listing) take --host, else the file name.

            \(IdentificationOptions.dataDiscussion)
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// Every finding with its evidence, as a JSON array.
        case json
        /// Every finding, one CSV row each.
        case csv
        /// Every finding, known exploited and high-risk first, for a terminal.
        case table
        /// One CSV row per host with its counts: for inventories too large to read finding by finding.
        case summary
        /// One CSV row per distinct CPE and CVE with the number of hosts affected: a worklist by software.
        case products
    }

    @Option(name: .customLong("nvd"), help: "A vulnerability feed file or folder (repeatable).")
    var feeds: [String] = []

    @Option(help: "A knowledge snapshot made by `vans feeds snapshot`, instead of --nvd/--kev/--epss.")
    var snapshot: String?

    @Option(help: "The inventory: CSV with header host,cpe, or any inventory format (see below).")
    var inventory: String

    @OptionGroup var identification: IdentificationOptions

    @Option(help: "Also write the inventory's conversion report as JSON to this file (not for host,cpe CSV).")
    var report: String?

    @Option(help: "The CISA KEV catalogue (repeatable).")
    var kev: [String] = []

    @Option(help: "FIRST EPSS scores (repeatable).")
    var epss: [String] = []

    @Option(help: "Output format.")
    var format: Format = .json

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "CVSS base score at or above which a finding is high-risk.")
    var threshold: Double = RiskPolicy.defaultThreshold

    @Flag(help: "Print the time of each phase (read, load, match, write) to standard error.")
    var timings = false

    /// Up to this many rows, a snapshot is loaded selectively. CPU of the load, selective against whole: 0.30 s against
    /// 0.75 s at 1,000 rows, 0.39–0.43 s at 10,000; at 1,000,000 rows 1.5 s against 0.73 s.
    static let selectiveLoadRows = 100_000

    func validate() throws {
        if snapshot != nil {
            guard feeds.isEmpty, kev.isEmpty, epss.isEmpty else {
                throw ValidationError("--snapshot replaces --nvd, --kev and --epss; give one or the other")
            }
        } else {
            guard !feeds.isEmpty else { throw ValidationError("give --nvd feed files or folders, or --snapshot") }
        }
        guard (0...10).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 10") }
    }

    func run() async throws {
        var phases = PhaseTimer(enabled: timings)
        let input = try MatchInventory.read(inventory, defaultHost: identification.host)
        switch input {
        case .hostCPE(let entries): phases.end("read inventory (\(entries.count) rows)")
        case .records(_, let contents): phases.end("read inventory (\(contents.digest.rows.count) rows)")
        }
        let matcher: InventoryMatcher
        var vocabulary = VocabularySource(dictionaries: identification.cpeDictionaries)
        if let snapshot {
            // CPE rows need only the products they name (ADR 0017); identification needs the whole vocabulary, and
            // past ~100k rows the products named cover so much of the index that the whole load is cheaper.
            let contents: KnowledgeSnapshot.Contents
            switch input {
            case .hostCPE(let rows) where rows.count <= Self.selectiveLoadRows:
                contents = try readSnapshot(snapshot, reach: Matcher.reach(of: rows.map(\.entry)))
            case .hostCPE, .records:
                contents = try readSnapshot(snapshot)
            }
            matcher = InventoryMatcher(
                facts: contents.assessments,
                index: contents.index,
                policy: RiskPolicy(threshold: threshold)
            )
            vocabulary.index = contents.index
        } else {
            let knowledgeBase = try await loadKnowledgeBase(feeds + kev + epss)
            matcher = InventoryMatcher(
                facts: knowledgeBase,
                index: MatchIndex(knowledgeBase: knowledgeBase),
                policy: RiskPolicy(threshold: threshold)
            )
            vocabulary.knowledgeBase = knowledgeBase
        }
        phases.end(snapshot == nil ? "load feeds and build index" : "load snapshot")
        let entries: MatchInventory.Entries
        switch input {
        case .hostCPE(let rows):
            entries = rows
        case .records(let reader, let contents):
            let identified = try await MatchInventory.entries(
                contents, file: inventory, options: identification, vocabulary: vocabulary.build)
            entries = identified.entries
            phases.end("identify (\(contents.digest.keys.count) distinct keys)", rows: contents.digest.rows.count)
            try identified.summary.emit(inventory: reader, reportPath: report)
        }
        let report: MatchReport
        switch await matcher.match(entries.map(\.entry), depth: format == .summary ? .counts : .findings) {
        case .success(let value):
            report = value
        case .failure(let error):
            throw CommandFailure(
                message: error.rejected.prefix(20).map { rejected in
                    "\(inventory):\(entries[rejected.row].line): \(rejected.error)"
                }.joined(separator: "\n")
                    + (error.rejected.count > 20 ? "\n… and \(error.rejected.count - 20) more rows" : "")
            )
        }
        phases.end(
            "match (\(report.result.distinctItemCount) distinct items, \(report.result.hosts.count) hosts, "
                + "\(report.cveCount) CVEs)",
            rows: entries.count
        )
        for phase in report.phases { phases.report("  \(phase.name)", phase.duration) }
        let sink = try OutputSink(path: output)
        try FindingFormatter(format: format).write(report, to: sink)
        try sink.finish()
        phases.end("write \(format.rawValue)")
        if VansCLI.endsProcess {
            // Freeing the index and the results object by object costs more CPU than matching a small inventory
            // (≈ 0.5 s after a million rows); the kernel takes the whole address space back at once.
            withExtendedLifetime((input, entries, matcher, vocabulary, report)) { Glibc.exit(0) }
        }
    }
}

/// Reads a knowledge snapshot, naming the file and the byte offset of any damage.
func readSnapshot(_ path: String) throws(CommandFailure) -> KnowledgeSnapshot.Contents {
    let bytes = try FileChunks.contents(of: path)
    do {
        return try KnowledgeSnapshot.decode(bytes)
    } catch {
        throw CommandFailure(message: "\(path): \(error)")
    }
}

/// Loads feeds from files and folders with the file adapter.
func loadKnowledgeBase(_ locations: [String]) async throws(CommandFailure) -> KnowledgeBase {
    do {
        return try await KnowledgeBaseLoader(source: FeedDirectory(), parallelism: 2).load(locations)
    } catch {
        throw CommandFailure(message: error.description)
    }
}

/// Reads the part of a knowledge snapshot that matching some rows can reach (`ProductReach`), mapping the file rather
/// than reading it: the decoder touches only the pages it reads, and the assessment records are read in place, so
/// the mapping lasts as long as the contents.
func readSnapshot(_ path: String, reach: ProductReach) throws(CommandFailure) -> KnowledgeSnapshot.Contents {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw CommandFailure(message: "\(path): \(String(cString: strerror(errno)))") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
        throw CommandFailure(message: "\(path): not a readable file")
    }
    let size = Int(status.st_size)
    guard size > 0 else {
        throw CommandFailure(message: "\(path): snapshot byte 0: not an OpenVANS knowledge snapshot")
    }
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
        throw CommandFailure(message: "\(path): \(String(cString: strerror(errno)))")
    }
    let mapping = MappedFile(address: address, size: size)
    do {
        return try KnowledgeSnapshot.decode(mapping.bytes, reach: reach, owner: mapping)
    } catch {
        throw CommandFailure(message: "\(path): \(error)")
    }
}

/// A read-only file mapping, unmapped when the last holder lets go.
private final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    init(address: UnsafeMutableRawPointer, size: Int) {
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
}
