import AppCore
import Governance
import SQLKit
import VulnModel

/// `APIKeyStore` over SQL. The secret is 32 random bytes; only its SHA-256 is stored, and a presented secret is
/// found by its hash. A fast hash is enough here because the secret has 256 bits of entropy: there is nothing to
/// brute-force, unlike a password.
public struct SQLAPIKeyStore: APIKeyStore {
    let backend: Backend
    /// Marks the text as an OpenVANS key so secret scanners and people can recognise a leaked one.
    static let secretPrefix = "ovk_"

    public init(backend: Backend) { self.backend = backend }

    static let columns = "id, agency_oid, label, created_at, expires_at, revoked_at, replaced_by"

    public func issue(agency: Agency.ID, label: String, validFor: Duration, now: Timestamp) async throws(StoreError)
        -> IssuedAPIKey
    {
        try await backend.storeTransaction("issuing an API key for \(agency)") { db in
            try await Self.insertKey(agency: agency, label: label, validFor: validFor, now: now, db: db)
        }
    }

    public func authenticate(secret: String, now: Timestamp) async throws(StoreError) -> APIKey {
        let hash = Identifiers.sha256Hex(secret.utf8)
        let key = try await backend.run("authenticating an API key") {
            try await backend.database.raw(
                "SELECT \(unsafeRaw: Self.columns) FROM api_keys WHERE secret_sha256 = \(bind: hash)"
            ).first().map(Self.key)
        }
        guard let key, key.isUsable(at: now) else { throw StoreError(.unauthorized, "API key not accepted") }
        return key
    }

    public func rotate(_ id: APIKey.ID, agency: Agency.ID, validFor: Duration, overlap: Duration, now: Timestamp)
        async throws(StoreError) -> IssuedAPIKey
    {
        try await backend.storeTransaction("rotating API key \(id)") { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT \(unsafeRaw: Self.columns) FROM api_keys
                    WHERE id = \(bind: id.rawValue) AND agency_oid = \(bind: agency.rawValue)
                    """
                ).first()
            else { throw StoreError(.notFound, "API key \(id) of \(agency)") }
            let old = try Self.key(row)
            guard old.isUsable(at: now), old.replacedBy == nil else {
                throw StoreError(.rejected, "API key \(id) is expired, revoked or already rotated")
            }
            let issued = try await Self.insertKey(
                agency: agency, label: old.label, validFor: validFor, now: now, db: db
            )
            let graceEnd = min(old.expiresAt, now.adding(overlap))
            // The old key keeps at least a millisecond of life so the schema's created < expires still holds.
            let end = max(graceEnd, Timestamp(millisecondsSinceEpoch: old.createdAt.storageValue + 1))
            try await db.raw(
                """
                UPDATE api_keys SET expires_at = \(bind: end.storageValue), replaced_by = \(bind: issued.key.id.rawValue)
                WHERE id = \(bind: id.rawValue)
                """
            ).run()
            return issued
        }
    }

    public func revoke(_ id: APIKey.ID, agency: Agency.ID, now: Timestamp) async throws(StoreError) {
        try await backend.run("revoking API key \(id)") {
            let updated = try await backend.database.raw(
                """
                UPDATE api_keys SET revoked_at = COALESCE(revoked_at, \(bind: now.storageValue))
                WHERE id = \(bind: id.rawValue) AND agency_oid = \(bind: agency.rawValue)
                RETURNING id
                """
            ).all()
            guard !updated.isEmpty else { throw StoreError(.notFound, "API key \(id) of \(agency)") }
        }
    }

    public func keys(agency: Agency.ID) async throws(StoreError) -> [APIKey] {
        try await backend.run("listing API keys of \(agency)") {
            try await backend.database.raw(
                """
                SELECT \(unsafeRaw: Self.columns) FROM api_keys WHERE agency_oid = \(bind: agency.rawValue)
                ORDER BY created_at, id
                """
            ).all().map(Self.key)
        }
    }

    private static func insertKey(
        agency: Agency.ID, label: String, validFor: Duration, now: Timestamp, db: any SQLDatabase
    ) async throws -> IssuedAPIKey {
        var generator = SystemRandomNumberGenerator()
        let secret = secretPrefix + base64URL((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let key = APIKey(
            id: APIKey.ID(Identifiers.make()), agency: agency, label: label, createdAt: now,
            expiresAt: now.adding(validFor), revokedAt: nil, replacedBy: nil
        )
        try await db.raw(
            """
            INSERT INTO api_keys (id, agency_oid, secret_sha256, label, created_at, expires_at)
            VALUES (\(bind: key.id.rawValue), \(bind: agency.rawValue), \(bind: Identifiers.sha256Hex(secret.utf8)),
                \(bind: label), \(bind: now.storageValue), \(bind: key.expiresAt.storageValue))
            """
        ).run()
        return IssuedAPIKey(key: key, secret: secret)
    }

    static func key(_ row: any SQLRow) throws -> APIKey {
        APIKey(
            id: APIKey.ID(try row.string("id")), agency: try row.agency("agency_oid"), label: try row.string("label"),
            createdAt: try row.timestamp("created_at"), expiresAt: try row.timestamp("expires_at"),
            revokedAt: try row.optionalTimestamp("revoked_at"),
            replacedBy: try row.optionalString("replaced_by").map(APIKey.ID.init)
        )
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<(chunk.count + 1) {
                output.append(alphabet[Int(value >> (18 - 6 * UInt32(position)) & 63)])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
