import AppCore
import SQLKit
import VulnModel

extension SQLIdentityStore {
    static let passkeyColumns =
        "id, user_id, public_key, sign_count, device_name, aaguid, attestation, created_at, last_used_at, revoked_at"

    public func user(_ id: User.ID) async throws(StoreError) -> User {
        let found = try await backend.run("reading user \(id)") {
            try await Self.users(id: id.rawValue, db: backend.database).first
        }
        guard let found else { throw StoreError(.notFound, "user \(id)") }
        return found
    }

    public func users() async throws(StoreError) -> [User] {
        try await backend.run("listing users") { try await Self.users(id: nil, db: backend.database) }
    }

    public func revokeUser(_ id: User.ID, now: Timestamp) async throws(StoreError) {
        try await backend.storeTransaction("revoking user \(id)") { db in
            let at = now.storageValue
            let updated = try await db.raw(
                """
                UPDATE users SET revoked_at = COALESCE(revoked_at, \(bind: at)) WHERE id = \(bind: id.rawValue)
                RETURNING id
                """
            ).all()
            guard !updated.isEmpty else { throw StoreError(.notFound, "user \(id)") }
            try await db.raw(
                """
                UPDATE passkeys SET revoked_at = COALESCE(revoked_at, \(bind: at)) WHERE user_id = \(bind: id.rawValue)
                """
            ).run()
            try await db.raw(
                """
                UPDATE sessions SET revoked_at = COALESCE(revoked_at, \(bind: at)) WHERE user_id = \(bind: id.rawValue)
                """
            ).run()
        }
    }

    public func activePasskey(_ id: Passkey.ID) async throws(StoreError) -> Passkey {
        let found = try await backend.run("reading passkey") {
            try await backend.database.raw(
                """
                SELECT p.id, p.user_id, p.public_key, p.sign_count, p.device_name, p.aaguid, p.attestation, p.created_at,
                    p.last_used_at, p.revoked_at
                FROM passkeys p JOIN users u ON u.id = p.user_id
                WHERE p.id = \(bind: id.rawValue) AND p.revoked_at IS NULL AND u.revoked_at IS NULL
                """
            ).first().map(Self.passkey)
        }
        guard let found else { throw StoreError(.notFound, "passkey \(id)") }
        return found
    }

    public func passkeys(of user: User.ID) async throws(StoreError) -> [Passkey] {
        try await backend.run("listing passkeys of \(user)") {
            try await backend.database.raw(
                """
                SELECT \(unsafeRaw: Self.passkeyColumns) FROM passkeys WHERE user_id = \(bind: user.rawValue)
                ORDER BY created_at, id
                """
            ).all().map(Self.passkey)
        }
    }

    public func recordUse(of passkey: Passkey.ID, signCount: UInt32, now: Timestamp) async throws(StoreError) {
        let count = Int64(signCount)
        try await backend.run("recording use of passkey \(passkey)") {
            // The counter only grows, checked in the statement so two sign-ins racing cannot both pass.
            let updated = try await backend.database.raw(
                """
                UPDATE passkeys SET sign_count = \(bind: count), last_used_at = \(bind: now.storageValue)
                WHERE id = \(bind: passkey.rawValue) AND revoked_at IS NULL
                    AND (sign_count < \(bind: count) OR (sign_count = 0 AND \(bind: count) = 0))
                RETURNING id
                """
            ).all()
            guard !updated.isEmpty else { throw StoreError(.rejected, "passkey \(passkey): counter did not advance") }
        }
    }

    public func revokePasskey(_ id: Passkey.ID, now: Timestamp) async throws(StoreError) {
        try await backend.storeTransaction("revoking passkey \(id)") { db in
            let at = now.storageValue
            let updated = try await db.raw(
                """
                UPDATE passkeys SET revoked_at = COALESCE(revoked_at, \(bind: at)) WHERE id = \(bind: id.rawValue)
                RETURNING id
                """
            ).all()
            guard !updated.isEmpty else { throw StoreError(.notFound, "passkey \(id)") }
            try await db.raw(
                """
                UPDATE sessions SET revoked_at = COALESCE(revoked_at, \(bind: at)) WHERE passkey_id = \(bind: id.rawValue)
                """
            ).run()
        }
    }

    public func openSession(
        user: User.ID, passkey: Passkey.ID, userVerified: Bool, validFor: Duration, now: Timestamp
    ) async throws(StoreError) -> OpenedSession {
        let token = Identifiers.secret(prefix: Self.sessionPrefix)
        let session = Session(
            id: Session.ID(Identifiers.make()), user: user, passkey: passkey, userVerified: userVerified,
            createdAt: now, expiresAt: now.adding(validFor))
        try await backend.run("opening a session for \(user)") {
            try await backend.database.raw(
                """
                INSERT INTO sessions (id, token_sha256, user_id, passkey_id, user_verified, created_at, expires_at)
                VALUES (\(bind: session.id.rawValue), \(bind: Identifiers.sha256Hex(token.utf8)),
                    \(bind: user.rawValue), \(bind: passkey.rawValue), \(bind: userVerified),
                    \(bind: now.storageValue), \(bind: session.expiresAt.storageValue))
                """
            ).run()
        }
        return OpenedSession(session: session, token: token)
    }

    public func resolveSession(token: String, now: Timestamp) async throws(StoreError) -> (Session, User) {
        let hash = Identifiers.sha256Hex(token.utf8)
        let at = now.storageValue
        let found: (Session, User)? = try await backend.run("resolving a session") {
            // One statement checks the session, its passkey and its user, so revoking any of them ends it at once.
            guard
                let row = try await backend.database.raw(
                    """
                    SELECT s.id, s.user_id, s.passkey_id, s.user_verified, s.created_at, s.expires_at, u.name,
                        u.created_at AS user_created_at
                    FROM sessions s JOIN users u ON u.id = s.user_id JOIN passkeys p ON p.id = s.passkey_id
                    WHERE s.token_sha256 = \(bind: hash) AND s.revoked_at IS NULL AND s.expires_at > \(bind: at)
                        AND u.revoked_at IS NULL AND p.revoked_at IS NULL
                    """
                ).first()
            else { return nil }
            let userID = User.ID(try row.string("user_id"))
            let session = Session(
                id: Session.ID(try row.string("id")), user: userID, passkey: Passkey.ID(try row.string("passkey_id")),
                userVerified: try row.bool("user_verified"), createdAt: try row.timestamp("created_at"),
                expiresAt: try row.timestamp("expires_at"))
            let user = User(
                id: userID, name: try row.string("name"),
                assignments: try await Self.roles(of: userID, db: backend.database),
                createdAt: try row.timestamp("user_created_at"), revokedAt: nil)
            return (session, user)
        }
        guard let found else { throw StoreError(.unauthorized, "session not accepted") }
        return found
    }

    public func revokeSession(_ id: Session.ID, now: Timestamp) async throws(StoreError) {
        try await backend.run("revoking session \(id)") {
            let updated = try await backend.database.raw(
                """
                UPDATE sessions SET revoked_at = COALESCE(revoked_at, \(bind: now.storageValue))
                WHERE id = \(bind: id.rawValue) RETURNING id
                """
            ).all()
            guard !updated.isEmpty else { throw StoreError(.notFound, "session \(id)") }
        }
    }

    /// One user, or all of them when `id` is nil.
    static func users(id: String?, db: any SQLDatabase) async throws -> [User] {
        let rows: [any SQLRow]
        if let id {
            rows = try await db.raw("SELECT id, name, created_at, revoked_at FROM users WHERE id = \(bind: id)").all()
        } else {
            rows = try await db.raw("SELECT id, name, created_at, revoked_at FROM users ORDER BY created_at, id").all()
        }
        var users: [User] = []
        for row in rows {
            let id = User.ID(try row.string("id"))
            users.append(
                User(
                    id: id, name: try row.string("name"), assignments: try await roles(of: id, db: db),
                    createdAt: try row.timestamp("created_at"), revokedAt: try row.optionalTimestamp("revoked_at")))
        }
        return users
    }

    static func roles(of user: User.ID, db: any SQLDatabase) async throws -> [RoleAssignment] {
        try await db.raw(
            """
            SELECT role, scope_kind, scope_oid FROM user_roles WHERE user_id = \(bind: user.rawValue)
            ORDER BY role, scope_kind, scope_oid
            """
        ).all().map(scope)
    }

    static func passkey(_ row: any SQLRow) throws -> Passkey {
        let keyText = try row.string("public_key")
        guard let key = bytes(hex: keyText) else { throw StoreError(.corrupt, "public_key: not hex") }
        let count = try row.int64("sign_count")
        guard let signCount = UInt32(exactly: count) else { throw StoreError(.corrupt, "sign_count: \(count)") }
        return Passkey(
            id: Passkey.ID(try row.string("id")), user: User.ID(try row.string("user_id")), publicKey: key,
            signCount: signCount, deviceName: try row.string("device_name"), aaguid: try row.string("aaguid"),
            attestation: try row.string("attestation"), createdAt: try row.timestamp("created_at"),
            lastUsedAt: try row.optionalTimestamp("last_used_at"), revokedAt: try row.optionalTimestamp("revoked_at"))
    }

    static func hexText(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
    }

    static func bytes(hex text: String) -> [UInt8]? {
        let units = Array(text.utf8)
        guard units.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(units.count / 2)
        for index in stride(from: 0, to: units.count, by: 2) {
            guard let byte = UInt8(String(decoding: units[index..<index + 2], as: UTF8.self), radix: 16) else {
                return nil
            }
            out.append(byte)
        }
        return out
    }
}
