import AppCore
import ArgumentParser
import Foundation
import Identification

/// `vans identify …`: inventory rows as CPE names, and reviewers' confirmed mappings.
struct IdentifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "Identify inventory rows as CPE 2.3 names (any inventory format), or confirm a mapping.",
        subcommands: [IdentifyInventoryCommand.self, ConfirmCommand.self],
        defaultSubcommand: IdentifyInventoryCommand.self
    )
}

/// `vans identify [inventory] --input FILE`: one record per row, and the file's conversion report.
struct IdentifyInventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Identify every row of an inventory file (the default subcommand).",
        discussion: """
            The inventory may be any supported format (VANS v1/v2 JSON and CSV, generic CSV/TSV, XLSX, CycloneDX, \
            SPDX, osquery, dpkg/rpm listings, .reg exports, PowerShell CSV/JSON), in any supported encoding, \
            optionally gzipped. Each row becomes {row, host, name, publisher, version, cpe, confidence, reason, \
            alternates, failure, prohibited}. The vocabulary of CPE products comes from --nvd or --snapshot (the \
            vulnerability data) and --cpe-dictionary. Row issues go to standard error with their line and the \
            conversion report after them; a refused file exits 2.

            \(IdentificationOptions.dataDiscussion)
            """
    )

    @Option(help: "The inventory file.")
    var input: String

    @Option(help: "Output format.")
    var format: IdentificationWriter.Format = .json

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "Also write the conversion report as JSON to this file.")
    var report: String?

    @Option(name: .customLong("nvd"), help: "Vulnerability feed files or folders whose products are the vocabulary.")
    var feeds: [String] = []

    @Option(help: "A knowledge snapshot whose products are the vocabulary, instead of --nvd.")
    var snapshot: String?

    @OptionGroup var data: IdentificationOptions

    @Flag(help: "Print the time of each phase to standard error.")
    var timings = false

    func validate() throws {
        guard snapshot == nil || feeds.isEmpty else { throw ValidationError("give --nvd or --snapshot, not both") }
    }

    func run() async throws {
        var phases = PhaseTimer(enabled: timings)
        // Read first: a missing or unreadable inventory should not wait for the vocabulary to load.
        let inventory = InventoryInput(path: input, defaultHost: data.host)
        let chunks = try inventory.open()
        var source = VocabularySource(dictionaries: data.cpeDictionaries)
        if let snapshot {
            source.index = try readSnapshot(snapshot).index
        } else if !feeds.isEmpty {
            source.knowledgeBase = try await loadKnowledgeBase(feeds)
        }
        let vocabulary = try source.build()
        if vocabulary.count == 0 {
            Console.error(
                "vans: no vocabulary (--nvd, --snapshot, --cpe-dictionary): only aliases and confirmed "
                    + "mappings can answer")
        }
        let identifier = try data.identifier(vocabulary: vocabulary)
        phases.end("load vocabulary (\(vocabulary.count) products) and data files")
        // Reading and identification overlap: distinct keys are identified on the other core as they appear.
        let identified = try await inventory.readAndIdentify(chunks, with: BatchIdentifier(identifier: identifier))
        let (contents, answers, report) = (identified.digest, identified.answers, identified.report)
        phases.end(
            "read and identify (\(contents.rows.count) rows, \(contents.keys.count) distinct keys)",
            rows: contents.rows.count)
        let sink = try OutputSink(path: output)
        try IdentificationWriter(format: format).write(contents, answers: answers, to: sink)
        try sink.finish()
        phases.end("write \(format.rawValue)")
        try ConversionSummary(
            file: input, report: report, summary: identified.summary, issues: contents.issues
        ).emit(inventory: inventory, reportPath: self.report)
    }
}

/// `vans identify confirm`: records a reviewer's decision in the confirmed-mappings file.
struct ConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "Record that rows with this name (and publisher, version) are this CPE product.",
        discussion: """
            --cpe is part:vendor:product (the row's version is used) or a CPE 2.3 name whose version, when not \
            *, is fixed. A mapping for the same normalised name, publisher and version pattern is replaced. The \
            file is written under a temporary name and renamed, so readers never see half of it.
            """
    )

    @Option(help: "The name as the inventory writes it.")
    var name: String

    @Option(help: "The publisher as the inventory writes it (omit to match any publisher).")
    var publisher: String?

    @Option(
        name: .customLong("version-pattern"),
        help: "Only rows with this version, or a prefix ending in * (16.0.*); omit to match any version.")
    var versionPattern: String?

    @Option(help: "The product: part:vendor:product, or a CPE 2.3 name.")
    var cpe: String

    @Option(help: "Who decided (shown in each matched row's reason).")
    var reviewer: String?

    @Option(help: "The confirmed-mappings file (created if missing).")
    var confirmed: String

    func run() throws {
        var file = try ConfirmedStore.loadOrEmpty(confirmed)
        let entry: ConfirmedMappingFile.Entry
        do {
            entry = try ConfirmedMappingFile.Entry(
                name: name, publisher: publisher, versionPattern: versionPattern, cpe: cpe, reviewer: reviewer,
                confirmedAt: Date().formatted(.iso8601))
        } catch {
            throw CommandFailure(message: error.description)
        }
        file.confirm(entry)
        try ConfirmedStore.save(file, to: confirmed)
        Console.error("vans: \(confirmed): \(file.entries.count) confirmed mappings")
    }
}
