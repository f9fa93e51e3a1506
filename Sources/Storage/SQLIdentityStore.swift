import AppCore
import Governance
import SQLKit
import VulnModel

/// `IdentityStore` over SQL: invitations, challenges and enrolment here; users, passkeys and sessions in
/// `SQLIdentityStore+Sessions.swift`.
public struct SQLIdentityStore: IdentityStore {
    let backend: Backend
    static let invitationPrefix = "ovi_"
    static let sessionPrefix = "ovs_"

    public init(backend: Backend) { self.backend = backend }

    static let invitationColumns =
        "id, name, role, scope_kind, scope_oid, created_by, created_at, expires_at, used_at, user_id"

    public func createInvitation(
        name: String, assignment: RoleAssignment, createdBy: String, validFor: Duration, now: Timestamp
    ) async throws(StoreError) -> IssuedInvitation {
        let token = Identifiers.secret(prefix: Self.invitationPrefix)
        let invitation = Invitation(
            id: Invitation.ID(Identifiers.make()), name: name, assignment: assignment, createdBy: createdBy,
            createdAt: now, expiresAt: now.adding(validFor))
        let (kind, oid) = Self.columns(of: assignment.scope)
        try await backend.run("creating an invitation for \(name)") {
            try await backend.database.raw(
                """
                INSERT INTO invitations (id, token_sha256, name, role, scope_kind, scope_oid, created_by, created_at,
                    expires_at)
                VALUES (\(bind: invitation.id.rawValue), \(bind: Identifiers.sha256Hex(token.utf8)), \(bind: name),
                    \(bind: assignment.role.rawValue), \(bind: kind), \(bind: oid), \(bind: createdBy),
                    \(bind: now.storageValue), \(bind: invitation.expiresAt.storageValue))
                """
            ).run()
        }
        return IssuedInvitation(invitation: invitation, token: token)
    }

    public func invitation(token: String, now: Timestamp) async throws(StoreError) -> Invitation {
        let hash = Identifiers.sha256Hex(token.utf8)
        let found = try await backend.run("finding an invitation") {
            try await backend.database.raw(
                "SELECT \(unsafeRaw: Self.invitationColumns) FROM invitations WHERE token_sha256 = \(bind: hash)"
            ).first().map(Self.invitation)
        }
        guard let found, found.isRedeemable(at: now) else {
            throw StoreError(.unauthorized, "invitation not accepted")
        }
        return found
    }

    public func saveChallenge(_ challenge: Challenge, now: Timestamp) async throws(StoreError) {
        try await backend.storeTransaction("saving a \(challenge.purpose.rawValue) challenge") { db in
            // Abandoned ceremonies leave challenges behind; each new one sweeps the expired.
            try await db.raw("DELETE FROM webauthn_challenges WHERE expires_at <= \(bind: now.storageValue)").run()
            try await db.raw(
                """
                INSERT INTO webauthn_challenges (value, purpose, invitation_id, created_at, expires_at)
                VALUES (\(bind: challenge.value), \(bind: challenge.purpose.rawValue),
                    \(bind: challenge.invitation?.rawValue), \(bind: now.storageValue),
                    \(bind: challenge.expiresAt.storageValue))
                """
            ).run()
        }
    }

    public func consumeChallenge(_ value: String, purpose: Challenge.Purpose, now: Timestamp) async throws(StoreError)
        -> Challenge
    {
        // One DELETE … RETURNING: of two requests presenting the same challenge, only one gets the row.
        let row = try await backend.run("consuming a challenge") {
            try await backend.database.raw(
                """
                DELETE FROM webauthn_challenges WHERE value = \(bind: value) AND purpose = \(bind: purpose.rawValue)
                RETURNING value, purpose, invitation_id, expires_at
                """
            ).first()
        }
        guard let row else { throw StoreError(.notFound, "no such \(purpose.rawValue) challenge") }
        let challenge: Challenge
        do {
            challenge = Challenge(
                value: try row.string("value"), purpose: try row.enumeration("purpose", as: Challenge.Purpose.self),
                invitation: try row.optionalString("invitation_id").map(Invitation.ID.init),
                expiresAt: try row.timestamp("expires_at"))
        } catch { throw backend.storeError(error, "reading a challenge") }
        guard now < challenge.expiresAt else { throw StoreError(.notFound, "the challenge expired") }
        return challenge
    }

    public func redeem(_ invitation: Invitation.ID, passkey: Passkey, now: Timestamp) async throws(StoreError) -> User {
        try await backend.storeTransaction("redeeming invitation \(invitation)") { db in
            guard
                let found = try await db.raw(
                    """
                    SELECT \(unsafeRaw: Self.invitationColumns) FROM invitations
                    WHERE id = \(bind: invitation.rawValue)
                    """
                ).first().map(Self.invitation), found.isRedeemable(at: now)
            else { throw StoreError(.rejected, "invitation \(invitation) is unknown, used or expired") }
            let user = User(
                id: passkey.user, name: found.name, assignments: [found.assignment], createdAt: now, revokedAt: nil)
            try await db.raw(
                """
                INSERT INTO users (id, name, created_at)
                VALUES (\(bind: user.id.rawValue), \(bind: user.name), \(bind: now.storageValue))
                """
            ).run()
            try await Self.insertRole(found.assignment, of: user.id, db: db)
            // The conditional update is what makes the invitation one-time when two redeem it at once.
            let marked = try await db.raw(
                """
                UPDATE invitations SET used_at = \(bind: now.storageValue), user_id = \(bind: user.id.rawValue)
                WHERE id = \(bind: invitation.rawValue) AND used_at IS NULL AND expires_at > \(bind: now.storageValue)
                RETURNING id
                """
            ).all()
            guard !marked.isEmpty else {
                throw StoreError(.rejected, "invitation \(invitation) was redeemed meanwhile")
            }
            try await db.raw(
                """
                INSERT INTO passkeys (id, user_id, public_key, sign_count, device_name, aaguid, attestation, created_at)
                VALUES (\(bind: passkey.id.rawValue), \(bind: user.id.rawValue), \(bind: Self.hexText(passkey.publicKey)),
                    \(bind: Int64(passkey.signCount)), \(bind: passkey.deviceName), \(bind: passkey.aaguid),
                    \(bind: passkey.attestation), \(bind: now.storageValue))
                """
            ).run()
            return user
        }
    }

    static func insertRole(_ assignment: RoleAssignment, of user: User.ID, db: any SQLDatabase) async throws {
        let (kind, oid) = columns(of: assignment.scope)
        try await db.raw(
            """
            INSERT INTO user_roles (user_id, role, scope_kind, scope_oid)
            VALUES (\(bind: user.rawValue), \(bind: assignment.role.rawValue), \(bind: kind), \(bind: oid))
            """
        ).run()
    }

    static func columns(of scope: Scope) -> (kind: String, oid: String?) {
        switch scope {
        case .nation: ("nation", nil)
        case .supervisingBody(let id): ("supervising", id.rawValue)
        case .agency(let id): ("agency", id.rawValue)
        }
    }

    static func scope(_ row: any SQLRow) throws -> RoleAssignment {
        let kind = try row.string("scope_kind")
        let oid = try row.optionalAgency("scope_oid")
        let scope: Scope
        switch (kind, oid) {
        case ("nation", nil): scope = .nation
        case ("supervising", .some(let id)): scope = .supervisingBody(id)
        case ("agency", .some(let id)): scope = .agency(id)
        default: throw StoreError(.corrupt, "scope_kind \(kind) with scope_oid \(oid?.rawValue ?? "NULL")")
        }
        let role = try row.enumeration("role", as: Role.self)
        do { return try RoleAssignment(role, scope) } catch {
            throw StoreError(.corrupt, "role \(role.rawValue) at \(scope): \(error.detail)")
        }
    }

    static func invitation(_ row: any SQLRow) throws -> Invitation {
        Invitation(
            id: Invitation.ID(try row.string("id")), name: try row.string("name"), assignment: try scope(row),
            createdBy: try row.string("created_by"), createdAt: try row.timestamp("created_at"),
            expiresAt: try row.timestamp("expires_at"), usedAt: try row.optionalTimestamp("used_at"),
            user: try row.optionalString("user_id").map(User.ID.init))
    }
}
