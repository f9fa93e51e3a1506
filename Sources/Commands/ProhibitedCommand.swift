import AppCore
import ArgumentParser
import Foundation
import Governance
import Identification
import Storage
import VulnModel

/// `vans prohibited`: publishing catalogue entries, the removal tasks they create (R28), exceptions and the
/// register of products kept under compensating measures (R27). Every change is written to the audit log.
struct ProhibitedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prohibited",
        abstract: "Prohibited software: publish catalogue entries, follow removal tasks, grant exceptions.",
        subcommands: [Publish.self, Tasks.self, Except.self, Register.self]
    )

    /// Runs `body` on the opened stores and closes them whatever it does.
    static func withDesk<T>(_ storage: StorageOptions, _ body: (RemovalDesk) async throws -> T) async throws -> T {
        let opened = try await storage.open()
        let desk = RemovalDesk(
            store: SQLProhibitionStore(backend: opened.backend), uploads: SQLUploadStore(backend: opened.backend),
            audit: SQLAuditLog(backend: opened.backend))
        do {
            let value = try await body(desk)
            await opened.close()
            return value
        } catch let error as RemovalError {
            await opened.close()
            throw CommandFailure(message: error.description)
        } catch {
            await opened.close()
            throw error
        }
    }

    static func instant(_ text: String?) throws -> Timestamp {
        guard let text else { return SystemClock().now() }
        guard let instant = Timestamp(iso8601: text) else {
            throw CommandFailure(message: "--now: not an ISO 8601 instant: \(text)")
        }
        return instant
    }

    static func day(_ text: String, option: String) throws -> Day {
        guard let day = Day(iso8601: text), text.utf8.count == 10 else {
            throw CommandFailure(message: "\(option): not a YYYY-MM-DD day: \(text)")
        }
        return day
    }

    static func agency(_ text: String) throws -> Agency.ID {
        do { return try Agency.ID(text) } catch { throw CommandFailure(message: "--agency: \(error)") }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Publish a catalogue entry: a removal task for every agency whose latest inventory holds it.")

        @OptionGroup var storage: StorageOptions
        @Argument(help: "The entry's id in the catalogue (e.g. deepseek).") var entry: String
        @Option(help: "Days agencies are given to remove it.") var due = 30
        @Option(help: "The prohibited-product catalogue (default: the bundled prohibited-catalogue.json).")
        var catalogue: String?
        @Option(help: "Who publishes it.") var by = "operator"
        @Option(help: "Act as of this instant (ISO 8601) instead of now.") var now: String?

        func run() async throws {
            let path = try DataFiles.locate("prohibited-catalogue.json", explicit: catalogue)
            let loaded: ProhibitedCatalogue
            do {
                loaded = try ProhibitedCatalogue(jsonBytes: try FileChunks.contents(of: path), file: path)
            } catch let error as DataFileError {
                throw CommandFailure(message: error.description)
            }
            let instant = try ProhibitedCommand.instant(now)
            let tasks = try await ProhibitedCommand.withDesk(storage) { desk in
                try await desk.publish(ProhibitedEntryID(entry), from: loaded, dueDays: due, by: by, now: instant)
            }
            Console.output(
                "\(entry) published (catalogue \(loaded.version)): \(tasks.count) removal task(s), due "
                    + instant.dayInTaiwan.adding(days: due).description)
        }
    }

    struct Tasks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "tasks", abstract: "List removal tasks.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, csv, json
        }

        @OptionGroup var storage: StorageOptions
        @Option(help: "Only this agency's tasks (its OID).") var agency: String?
        @Flag(help: "Only open tasks.") var open = false
        @Option(help: "table, csv or json.") var format: Format = .table
        @Option(help: "The day overdue is judged on (YYYY-MM-DD; default today in Taiwan).") var day: String?

        func run() async throws {
            let oid = try agency.map(ProhibitedCommand.agency)
            let today =
                try day.map { try ProhibitedCommand.day($0, option: "--day") } ?? SystemClock().now().dayInTaiwan
            let tasks = try await ProhibitedCommand.withDesk(storage) { desk in
                try await desk.tasks(agency: oid, openOnly: open)
            }
            Console.output(RemovalTaskFormatter.render(tasks, format: format, today: today))
        }
    }

    struct Except: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "except",
            abstract: "Grant an Act Art. 11 exception on an agency's open task; the product goes into the register.")

        @OptionGroup var storage: StorageOptions
        @Argument(help: "The entry's id.") var entry: String
        @Option(help: "The agency's OID.") var agency: String
        @Option(help: "The CISO's approval (name and reference).") var approver: String
        @Option(help: "The competent authority's approval (reference).") var authority: String
        @Option(help: "Why there is no alternative.") var reason: String
        @Option(
            help: ArgumentHelp(
                "Compensating measures applied, comma-separated: "
                    + RegisteredProduct.CompensatingMeasure.allCases.map(\.rawValue).joined(separator: ", ")))
        var measures: String
        @Option(help: "The first day the exception no longer applies (YYYY-MM-DD).") var expires: String
        @Option(help: "The product as registered (default: the entry id).") var product: String?
        @Option(help: "Where it is (site, room).") var location = ""
        @Option(help: "offline, separate_network or connected.") var connectivity = "offline"
        @Option(help: "When it is to be replaced (YYYY-MM-DD).") var replacementDate: String?
        @Option(help: "Act as of this instant (ISO 8601) instead of now.") var now: String?

        func run() async throws {
            let oid = try ProhibitedCommand.agency(agency)
            var applied: Set<RegisteredProduct.CompensatingMeasure> = []
            for name in measures.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
            where !name.isEmpty {
                guard let measure = RegisteredProduct.CompensatingMeasure(rawValue: name) else {
                    throw CommandFailure(message: "--measures: unknown measure \(name)")
                }
                applied.insert(measure)
            }
            guard let link = RegisteredProduct.Connectivity(rawValue: connectivity) else {
                throw CommandFailure(message: "--connectivity: expected offline, separate_network or connected")
            }
            let id = ProhibitedEntryID(entry)
            let approval = ExceptionApproval(
                cisoApproval: approver, competentAuthorityApproval: authority,
                registration: RegisteredProduct(
                    entry: id, agency: oid, product: product ?? entry, location: location, connectivity: link,
                    measures: applied,
                    replacementDate: try replacementDate.map {
                        try ProhibitedCommand.day($0, option: "--replacement-date")
                    }
                ),
                reason: reason, expires: try ProhibitedCommand.day(expires, option: "--expires"))
            let instant = try ProhibitedCommand.instant(now)
            try await ProhibitedCommand.withDesk(storage) { desk in
                _ = try await desk.grantException(id, agency: oid, approval: approval, by: approver, now: instant)
            }
            let missing = approval.registration.missingMeasures.map(\.rawValue)
            Console.output(
                "exception granted for \(entry) at \(oid) until \(expires); registered"
                    + (missing.isEmpty ? "" : " (measures not applied: \(missing.joined(separator: ", ")))"))
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register",
            abstract: "The register of products kept under compensating measures (列冊管理, R27).")

        @OptionGroup var storage: StorageOptions
        @Option(help: "The day lapsed exceptions are judged on (YYYY-MM-DD; default today in Taiwan).") var day: String?

        func run() async throws {
            let today =
                try day.map { try ProhibitedCommand.day($0, option: "--day") } ?? SystemClock().now().dayInTaiwan
            let register = try await ProhibitedCommand.withDesk(storage) { desk in try await desk.register() }
            Console.output(RemovalTaskFormatter.register(register, today: today))
        }
    }
}
