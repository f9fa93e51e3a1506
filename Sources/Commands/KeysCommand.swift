import AppCore
import ArgumentParser
import Governance
import Storage

/// `vans keys`: an agency's API keys for machine uploads — issued, rotated and revoked, each change audited.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Issue, list, rotate and revoke agencies' API keys (stored hashed; the secret is printed once).",
        subcommands: [Issue.self, List.self, Rotate.self, Revoke.self]
    )

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue", abstract: "Issue a key for one agency; prints its secret.")
        @Option(help: "The agency's OID.") var agency: String
        @Option(help: "Days the key stays valid (default 365).") var expiresDays: Int = 365
        @Option(help: "What the key is for (shown in listings).") var label: String = "uploads"
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            guard expiresDays > 0, expiresDays <= 3 * 365 else {
                throw CommandFailure(message: "--expires-days \(expiresDays): expected 1 to 1095")
            }
            let oid = try UsersCommand.Invite.oid(agency, flag: "--agency")
            let issued = try await storage.withBackend { backend in
                do { _ = try await SQLAgencyStore(backend: backend).agency(oid) } catch {
                    throw CommandFailure(message: "agency \(oid) is not in the directory")
                }
                let now = StorageOptions.now()
                let issued = try await SQLAPIKeyStore(backend: backend).issue(
                    agency: oid, label: label, validFor: .seconds(expiresDays * 86_400), now: now)
                try await SQLAuditLog(backend: backend).append(
                    AuditEntry(
                        at: now, actor: StorageOptions.actor, agency: oid, action: "apikey.issued",
                        subject: issued.key.id.rawValue, detail: #"{"expiresAt":"\#(issued.key.expiresAt)"}"#))
                return issued
            }
            Console.status("key \(issued.key.id) for \(oid), valid until \(issued.key.expiresAt); the secret:")
            Console.output(issued.secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List an agency's keys (never their secrets).")
        @Option(help: "The agency's OID.") var agency: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let oid = try UsersCommand.Invite.oid(agency, flag: "--agency")
            try await storage.withBackend { backend in
                for key in try await SQLAPIKeyStore(backend: backend).keys(agency: oid) {
                    let state =
                        key.revokedAt.map { "revoked \($0)" } ?? key.replacedBy.map { "replaced by \($0)" } ?? "active"
                    Console.output("\(key.id)\t\(key.label)\texpires \(key.expiresAt)\t\(state)")
                }
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Issue a successor; the old key keeps working for the overlap, then stops.")
        @Argument(help: "The key id.") var key: String
        @Option(help: "Days the new key stays valid (default 365).") var expiresDays: Int = 365
        @Option(help: "Hours the old key keeps working (default 24).") var overlapHours: Int = 24
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let id = APIKey.ID(key)
            let issued = try await storage.withBackend { backend in
                let keys = SQLAPIKeyStore(backend: backend)
                let agency = try await KeysCommand.agency(of: id, backend: backend)
                let now = StorageOptions.now()
                let issued = try await keys.rotate(
                    id, agency: agency, validFor: .seconds(expiresDays * 86_400),
                    overlap: .seconds(overlapHours * 3600),
                    now: now)
                try await SQLAuditLog(backend: backend).append(
                    AuditEntry(
                        at: now, actor: StorageOptions.actor, agency: agency, action: "apikey.rotated", subject: key,
                        detail: #"{"successor":"\#(issued.key.id)"}"#))
                return issued
            }
            Console.status("key \(key) rotated; its successor \(issued.key.id), the secret:")
            Console.output(issued.secret)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a key at once.")
        @Argument(help: "The key id.") var key: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let id = APIKey.ID(key)
            try await storage.withBackend { backend in
                let agency = try await KeysCommand.agency(of: id, backend: backend)
                let now = StorageOptions.now()
                try await SQLAPIKeyStore(backend: backend).revoke(id, agency: agency, now: now)
                try await SQLAuditLog(backend: backend).append(
                    AuditEntry(
                        at: now, actor: StorageOptions.actor, agency: agency, action: "apikey.revoked", subject: key))
            }
            Console.status("key \(key) revoked")
        }
    }

    /// The agency a key belongs to. The key store answers per agency (keys are tenant data), so the command looks
    /// through the directory; an administration command can afford that.
    static func agency(of id: APIKey.ID, backend: Backend) async throws -> Agency.ID {
        let keys = SQLAPIKeyStore(backend: backend)
        for agency in try await SQLAgencyStore(backend: backend).directory().all
        where try await keys.keys(agency: agency.id).contains(where: { $0.id == id }) {
            return agency.id
        }
        throw CommandFailure(message: "no API key \(id)")
    }
}
