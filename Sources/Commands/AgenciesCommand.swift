import AppCore
import ArgumentParser
import Governance
import Storage

/// `vans agencies import FILE` and `vans agencies list`: the agency directory from a file, and back out.
struct AgenciesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agencies",
        abstract: "Import the agency directory from a CSV file, or list it.",
        subcommands: [Import.self, List.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Insert or update agencies by OID from a CSV file, all or nothing.",
            discussion: """
                The CSV (UTF-8, optional BOM) has a header row; columns in any order:
                  oid              (required) the agency's OID
                  name_zh          (required) its Chinese name;  name_en  its English name
                  tier             (required) central, municipal, county_city or township
                  kind             public (default), ci_provider, soe, foundation or admin_corp
                  county           the city or county it belongs to (e.g. 花蓮縣)
                  supervisor_oid   the supervising agency, in the file or stored; empty or "nation" for the top
                  level            A–E, with level_date (YYYY-MM-DD, the day it took effect) and level_reference
                  mail_server      yes/no (default no)
                  governs          the city or county this agency is the government of
                A known agency keeps its units, and a new level is added to its level history. Any bad row (bad \
                OID, unknown tier, kind, county or level, bad date, unknown supervisor, supervision cycle, \
                duplicate OID) refuses the whole file, naming the line and the column. `vans agencies list \
                --format csv` writes the same columns. Mail addresses for reminders are not part of the \
                directory: they stay in `--contacts` of `vans remind` / `vans serve`.
                """
        )
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let rows = try AdministrativeFile.read(file, with: AgencyListReader.read)
            let summary = try await storage.withBackend { backend in
                let summary: AgencyImportSummary
                do {
                    summary = try await AgencyImporter(agencies: SQLAgencyStore(backend: backend)).importRows(rows)
                } catch let error as CSVTableError {
                    throw CommandFailure(message: "\(file): \(error)")
                }
                try await SQLAuditLog(backend: backend).append(
                    AuditEntry(
                        at: StorageOptions.now(), actor: StorageOptions.actor, agency: nil, action: "agencies.imported",
                        subject: file,
                        detail:
                            #"{"inserted":\#(summary.inserted),"updated":\#(summary.updated),"levelsAdded":\#(summary.levelsAdded)}"#
                    ))
                return summary
            }
            Console.status(
                "\(rows.count) agencies: \(summary.inserted) new, \(summary.updated) updated, "
                    + "\(summary.levelsAdded) level assignments added")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the stored agencies (current level; JSON has the whole level history).")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, csv, json
        }

        @Option(help: "table, csv (the import's columns) or json.") var format: Format = .table
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let directory = try await storage.withBackend { backend in
                try await SQLAgencyStore(backend: backend).directory()
            }
            Console.output(AgencyFormatter.render(directory.all, format: format))
        }
    }
}
