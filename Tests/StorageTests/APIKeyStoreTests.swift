import AppCore
import SQLKit
import Testing
import VulnModel

@testable import Storage

@Suite("Storage: API keys")
struct APIKeyStoreTests {
    @Test("the secret is not stored, only its SHA-256; the key authenticates as its agency", arguments: Engine.allCases)
    func hashed(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let issued = try await fixture.keys.issue(
                agency: Fixture.agencyA, label: "GCB agent", validFor: .seconds(86_400 * 90), now: Fixture.t0
            )
            #expect(issued.secret.hasPrefix("ovk_") && issued.secret.count == 4 + 43)
            let rows = try await backend.database.raw(
                "SELECT id, agency_oid, secret_sha256, label FROM api_keys"
            ).all()
            #expect(rows.count == 1)
            for row in rows {
                for column in ["id", "agency_oid", "secret_sha256", "label"] {
                    let value = try row.decode(column: column, as: String.self)
                    #expect(!value.contains(issued.secret.dropFirst(4)))
                }
                #expect(
                    try row.decode(column: "secret_sha256", as: String.self)
                        == Identifiers.sha256Hex(issued.secret.utf8))
            }
            let key = try await fixture.keys.authenticate(secret: issued.secret, now: Fixture.later(60))
            #expect(key.id == issued.key.id && key.agency == Fixture.agencyA)
            #expect(
                await storeErrorKind {
                    _ = try await fixture.keys.authenticate(secret: issued.secret + "x", now: Fixture.t0)
                } == .unauthorized)
        }
    }

    @Test("expired and revoked keys are refused", arguments: Engine.allCases)
    func expiredAndRevoked(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let expiring = try await fixture.keys.issue(
                agency: Fixture.agencyA, label: "short", validFor: .seconds(60), now: Fixture.t0)
            #expect(
                try await fixture.keys.authenticate(secret: expiring.secret, now: Fixture.later(59)).id
                    == expiring.key.id)
            #expect(
                await storeErrorKind {
                    _ = try await fixture.keys.authenticate(secret: expiring.secret, now: Fixture.later(60))
                } == .unauthorized)

            let revoked = try await fixture.keys.issue(
                agency: Fixture.agencyA, label: "lost laptop", validFor: .seconds(3_600), now: Fixture.t0)
            #expect(
                await storeErrorKind {
                    try await fixture.keys.revoke(revoked.key.id, agency: Fixture.agencyB, now: Fixture.t0)
                } == .notFound)
            try await fixture.keys.revoke(revoked.key.id, agency: Fixture.agencyA, now: Fixture.later(1))
            #expect(
                await storeErrorKind {
                    _ = try await fixture.keys.authenticate(secret: revoked.secret, now: Fixture.later(2))
                } == .unauthorized)
            #expect(try await fixture.keys.keys(agency: Fixture.agencyB).isEmpty)
            #expect(try await fixture.keys.keys(agency: Fixture.agencyA).count == 2)
        }
    }

    @Test("rotation: the successor works, the old key only during the overlap", arguments: Engine.allCases)
    func rotation(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let old = try await fixture.keys.issue(
                agency: Fixture.agencyA, label: "uploader", validFor: .seconds(86_400), now: Fixture.t0)
            let new = try await fixture.keys.rotate(
                old.key.id, agency: Fixture.agencyA, validFor: .seconds(86_400), overlap: .seconds(600),
                now: Fixture.later(100)
            )
            #expect(new.secret != old.secret && new.key.agency == Fixture.agencyA)
            #expect(try await fixture.keys.authenticate(secret: old.secret, now: Fixture.later(699)).id == old.key.id)
            #expect(
                await storeErrorKind {
                    _ = try await fixture.keys.authenticate(secret: old.secret, now: Fixture.later(700))
                } == .unauthorized)
            #expect(try await fixture.keys.authenticate(secret: new.secret, now: Fixture.later(700)).id == new.key.id)
            let kind = await storeErrorKind {
                _ = try await fixture.keys.rotate(
                    old.key.id, agency: Fixture.agencyA, validFor: .seconds(60), overlap: .zero, now: Fixture.later(200)
                )
            }
            #expect(kind == .rejected)
        }
    }
}
