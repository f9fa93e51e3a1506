import AppCore
import ArgumentParser
import Governance
import Storage
import VulnModel

/// `vans obligations generate|list|record`: obligations by security level as versioned data (R4–R8).
struct ObligationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obligations",
        abstract: "Generate agencies' obligations from their level and level date, list them, record evidence.",
        subcommands: [Generate.self, List.self, Record.self]
    )

    struct Common: ParsableArguments {
        @OptionGroup var storage: StorageOptions
        @Option(help: "The obligations catalogue (default Data/governance/obligations.json).") var obligations: String?
        @Option(help: "The day (YYYY-MM-DD; default today in Taiwan).") var day: String?
    }

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate the current obligations of one agency or all (idempotent; a level change supersedes "
                + "the old set and keeps it as history).")
        @OptionGroup var common: Common
        @Option(help: "The agency's OID (default every agency).") var agency: String?

        func run() async throws {
            let catalogue = try CoverageServices.catalogue(explicit: common.obligations)
            let today = try CoverageServices.day(common.day, flag: "--day")
            let oid = try CoverageServices.oid(agency, flag: "--agency")
            let results = try await common.storage.withBackend { backend in
                try await CoverageServices.obligations(backend, catalogue: catalogue).generate(
                    agency: oid, today: today)
            }
            for result in results where result.inserted > 0 || result.superseded > 0 {
                Console.output("\(result.agency)\t\(result.inserted) generated\t\(result.superseded) superseded")
            }
            let inserted = results.map(\.inserted).reduce(0, +)
            Console.output("\(results.count) agencies, \(inserted) obligations generated")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List current obligations with their status (tab-separated).")
        @OptionGroup var common: Common
        @Option(help: "The agency's OID (default every agency).") var agency: String?
        @Flag(help: "Only overdue items.") var overdue = false

        func run() async throws {
            let catalogue = try CoverageServices.catalogue(explicit: common.obligations)
            let today = try CoverageServices.day(common.day, flag: "--day")
            let oid = try CoverageServices.oid(agency, flag: "--agency")
            let items = try await common.storage.withBackend { backend in
                try await CoverageServices.obligations(backend, catalogue: catalogue).list(
                    agency: oid, overdueOnly: overdue, today: today)
            }
            Console.output("agency\tlevel\tversion\tcode\tname\tdue\tstatus")
            for item in items {
                Console.output(
                    [
                        item.stored.agency.rawValue, item.stored.level.rawValue, item.stored.version, item.stored.code,
                        item.template?.nameZh ?? "", item.stored.dueDate?.description ?? "", item.status.rawValue,
                    ].joined(separator: "\t"))
            }
        }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record", abstract: "Record evidence for one obligation of an agency.")
        @OptionGroup var common: Common
        @Option(help: "The agency's OID.") var agency: String
        @Option(help: "The obligation's code (as `list` shows it).") var code: String
        @Option(help: "done, started, or a count (staff, certificates).") var kind: String
        @Option(help: "What the evidence is (a report number, a file name).") var note: String

        func run() async throws {
            let catalogue = try CoverageServices.catalogue(explicit: common.obligations)
            let today = try CoverageServices.day(common.day, flag: "--day")
            guard let oid = try CoverageServices.oid(agency, flag: "--agency") else { return }
            let evidenceKind: ObligationEvidence.Kind
            switch kind {
            case "done": evidenceKind = .done
            case "started": evidenceKind = .started
            default:
                guard let count = Int(kind), count >= 0 else {
                    throw CommandFailure(message: "--kind \(kind): expected done, started or a count")
                }
                evidenceKind = .count(count)
            }
            let evidence = ObligationEvidence(code: code, day: today, kind: evidenceKind, note: note)
            try await common.storage.withBackend { backend in
                do {
                    try await CoverageServices.obligations(backend, catalogue: catalogue).record(
                        evidence, agency: oid, now: StorageOptions.now())
                } catch let error as StoreError where error.kind == .notFound {
                    throw CommandFailure(message: "\(oid) has no current obligation \(code) (run `generate` first?)")
                }
            }
        }
    }
}
