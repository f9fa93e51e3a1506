import AppCore
import ArgumentParser
import Governance
import Signatures
import Storage
import WebAuthn

/// `vans users`: invitations for passkey enrolment, and revocation. There are no passwords to set.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Invite people to enrol a passkey, list and revoke users.",
        subcommands: [Invite.self, List.self, Revoke.self]
    )

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invite",
            abstract: "Print a one-time enrolment token for a person and one role.",
            discussion: """
                Roles: national_supervisor (nation), supervising_agency_supervisor (--supervising OID), \
                agency_administrator and agency_operator (--agency OID), auditor and read_only (any scope). \
                The person redeems the token at POST /api/v1/auth/register/options by registering a passkey.
                """
        )

        @Option(help: "The person's name as shown in the service.") var name: String
        @Option(help: "The role to grant.") var role: String
        @Option(help: "The agency the role is held in.") var agency: String?
        @Option(help: "The supervising body (ministry, city or county government) the role is held in.")
        var supervising: String?
        @Option(help: "Hours the token stays valid (default 72).") var expiresHours: Int = 72
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                throw CommandFailure(message: "--role \(role): expected one of \(known)")
            }
            guard expiresHours > 0, expiresHours <= 24 * 30 else {
                throw CommandFailure(message: "--expires-hours \(expiresHours): expected 1 to 720")
            }
            let scope: Scope
            switch (agency, supervising) {
            case (nil, nil): scope = .nation
            case (let oid?, nil): scope = .agency(try Self.oid(oid, flag: "--agency"))
            case (nil, let oid?): scope = .supervisingBody(try Self.oid(oid, flag: "--supervising"))
            default: throw CommandFailure(message: "give --agency or --supervising, not both")
            }
            let assignment: RoleAssignment
            do { assignment = try RoleAssignment(role, scope) } catch {
                throw CommandFailure(message: error.detail)
            }
            let issued = try await storage.withBackend { backend in
                if let oid = scope.agency {
                    do { _ = try await SQLAgencyStore(backend: backend).agency(oid) } catch {
                        throw CommandFailure(message: "agency \(oid) is not in the directory")
                    }
                }
                let enroller = Enroller(
                    identities: SQLIdentityStore(backend: backend), audit: SQLAuditLog(backend: backend),
                    party: .init(id: "localhost", origins: [], crypto: SwiftCryptoWebAuthn()), clock: StorageOptions.now
                )
                return try await enroller.invite(
                    name: name, assignment: assignment, by: StorageOptions.actor,
                    validFor: .seconds(expiresHours * 3600))
            }
            Console.status(
                "invitation \(issued.invitation.id) for \(name) as \(assignment), valid until \(issued.invitation.expiresAt)"
            )
            Console.output(issued.token)
        }

        static func oid(_ text: String, flag: String) throws -> Agency.ID {
            do { return try Agency.ID(text) } catch { throw CommandFailure(message: "\(flag) \(text): \(error)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List users, their roles and passkeys.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await storage.withBackend { backend in
                let store = SQLIdentityStore(backend: backend)
                for user in try await store.users() {
                    let roles = user.assignments.map(\.description).joined(separator: ",")
                    let state = user.revokedAt.map { "revoked \($0)" } ?? "active"
                    let devices = try await store.passkeys(of: user.id).map { key in
                        key.deviceName + (key.revokedAt == nil ? "" : " (revoked)")
                    }
                    Console.output(
                        "\(user.id)\t\(user.name)\t\(roles)\t\(state)\t\(devices.joined(separator: "; "))")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Revoke a user, every passkey and every session of theirs, effective on their next request.")
        @Argument(help: "The user id (from `vans users list`).") var user: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await storage.withBackend { backend in
                let now = StorageOptions.now()
                let id = User.ID(user)
                do { try await SQLIdentityStore(backend: backend).revokeUser(id, now: now) } catch let error
                    as StoreError where error.kind == .notFound
                {
                    throw CommandFailure(message: "no user \(user)")
                }
                try await SQLAuditLog(backend: backend).append(
                    AuditEntry(at: now, actor: StorageOptions.actor, agency: nil, action: "user.revoked", subject: user)
                )
            }
            Console.status("user \(user) revoked with their passkeys and sessions")
        }
    }
}
