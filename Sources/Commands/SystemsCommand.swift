import AppCore
import ArgumentParser
import Governance
import Storage

/// `vans systems import FILE --agency OID`: an agency's information systems and hosts (ADR 0020);
/// `vans systems attest FILE`: manual coverage attestations of stored systems (R30).
struct SystemsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "systems",
        abstract: "Import an agency's information systems and their hosts, or attestations of their coverage.",
        subcommands: [Import.self, Attest.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Replace an agency's systems and hosts with a CSV list (one row per system and host).",
            discussion: """
                The CSV has a header row; columns in any order:
                  system_code       (required) the agency's own code for the system
                  system_name       (required)
                  core              (required) yes/no: a core system (核心資通系統)
                  external_facing   yes/no (default no)
                  development       self, outsourced or common
                  host              the host id as the agency's uploads name it; empty: a system without hosts
                  host_kind         server (default), user_pc, network_device or iot
                  hostname, owner_unit
                  vans_reported_on  YYYY-MM-DD or YYYY-MM: the host was reported to VANS (its month counts)
                  edr_seen_on       YYYY-MM-DD: the host's EDR agent was seen that day
                  evidence          what establishes the two dates (default "declared in the system list")
                A system's name and flags must agree on all its rows. Systems missing from the file are removed
                from the agency; recorded dates are kept as history. Hosts in the agency's completed uploads count
                as VANS-reported without a date in the file.
                """
        )
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "The agency's OID.") var agency: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            guard let oid = try CoverageServices.oid(agency, flag: "--agency") else { return }
            let list = try AdministrativeFile.read(file, with: SystemListReader(agency: oid).read)
            try await storage.withBackend { backend in
                do { try await CoverageServices.desk(backend).importSystems(list) } catch let error as StoreError
                    where error.kind == .notFound
                {
                    throw CommandFailure(message: "agency \(oid) is not in the directory")
                }
                try await SQLAuditLog(backend: backend).append(
                    AuditEntry(
                        at: StorageOptions.now(), actor: StorageOptions.actor, agency: oid, action: "systems.imported",
                        subject: file,
                        detail: #"{"systems":\#(list.systems.count),"hosts":\#(list.hosts.count)}"#))
            }
            let core = list.systems.filter(\.isCore).count
            Console.status(
                "\(oid): \(list.systems.count) systems (\(core) core), \(list.hosts.count) hosts, "
                    + "\(list.evidence.count) dated coverage facts")
        }
    }

    struct Attest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attest",
            abstract: "Record attestations that systems are (or are not) covered by VANS or EDR, from a CSV file.",
            discussion: """
                The CSV has a header row; every column is required, in any order:
                  agency        the agency's OID
                  system_code   the system, as imported with `vans systems import`
                  mechanism     vans or edr
                  covered       yes/no
                  attested_on   YYYY-MM-DD: the attestation counts from that day
                  attested_by   who attests (e.g. the CISO)
                  evidence      what the attestation rests on
                All or nothing: a bad value or an unknown system refuses the file, naming the line and column. \
                An attestation for the same system, mechanism and day replaces the stored one.
                """
        )
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let rows = try AdministrativeFile.read(file, with: AttestationListReader.read)
            try await storage.withBackend { backend in
                do { try await CoverageServices.desk(backend).attest(rows) } catch let error as CSVTableError {
                    throw CommandFailure(message: "\(file): \(error)")
                }
                let agencies = rows.compactMap { $0.attestation.system.parts?.agency }
                let counts = Dictionary(agencies.map { ($0, 1) }, uniquingKeysWith: +)
                for (agency, count) in counts.sorted(by: { $0.key < $1.key }) {
                    try await SQLAuditLog(backend: backend).append(
                        AuditEntry(
                            at: StorageOptions.now(), actor: StorageOptions.actor, agency: agency,
                            action: "systems.attested", subject: file, detail: #"{"attestations":\#(count)}"#))
                }
            }
            Console.status("\(rows.count) attestations recorded")
        }
    }
}
