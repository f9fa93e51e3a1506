import AppCore
import SQLKit
import Testing
import VulnModel

@testable import Storage

@Suite("Storage: users, passkeys, challenges and sessions")
struct IdentityStoreTests {
    static let operatorOfA = assignment(.agencyOperator, .agency(Fixture.agencyA))

    static func assignment(_ role: Role, _ scope: Scope) -> RoleAssignment {
        do { return try RoleAssignment(role, scope) } catch { preconditionFailure("fixture assignment: \(error)") }
    }

    static func passkey(_ id: String, user: User.ID, signCount: UInt32 = 0) -> Passkey {
        Passkey(
            id: Passkey.ID(id), user: user, publicKey: [0xa5, 0x01, 0x02], signCount: signCount, deviceName: "laptop",
            aaguid: "00", attestation: "none/none", createdAt: Fixture.t0)
    }

    /// An invitation redeemed with one passkey: the usual starting point.
    static func enrolled(_ store: SQLIdentityStore, signCount: UInt32 = 0) async throws -> (User, Passkey) {
        let issued = try await store.createInvitation(
            name: "王小明", assignment: operatorOfA, createdBy: "cli", validFor: .seconds(3600), now: Fixture.t0)
        let key = passkey("cred-1", user: User.ID(issued.invitation.id.rawValue), signCount: signCount)
        let user = try await store.redeem(issued.invitation.id, passkey: key, now: Fixture.later(1))
        return (user, key)
    }

    @Test("an invitation is stored hashed and redeemed once, making the user with its role", arguments: Engine.allCases)
    func invitationOnce(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            _ = try await Fixture(backend)
            let store = SQLIdentityStore(backend: backend)
            let issued = try await store.createInvitation(
                name: "王小明", assignment: Self.operatorOfA, createdBy: "cli", validFor: .seconds(3600),
                now: Fixture.t0)
            #expect(issued.token.hasPrefix("ovi_") && issued.token.count == 47)
            let stored = try await backend.database.raw("SELECT token_sha256 FROM invitations").all()
            #expect(
                try stored.map { try $0.decode(column: "token_sha256", as: String.self) } == [
                    Identifiers.sha256Hex(issued.token.utf8)
                ])
            #expect(try await store.invitation(token: issued.token, now: Fixture.later(10)).name == "王小明")
            #expect(
                await storeErrorKind { _ = try await store.invitation(token: issued.token, now: Fixture.later(3600)) }
                    == .unauthorized)
            let userID = User.ID(issued.invitation.id.rawValue)
            let user = try await store.redeem(
                issued.invitation.id, passkey: Self.passkey("cred-1", user: userID), now: Fixture.later(5))
            #expect(user.assignments == [Self.operatorOfA])
            #expect(try await store.user(userID) == user)
            #expect(try await store.passkeys(of: userID).map(\.id) == [Passkey.ID("cred-1")])
            #expect(
                await storeErrorKind {
                    _ = try await store.redeem(
                        issued.invitation.id, passkey: Self.passkey("cred-2", user: User.ID("other")),
                        now: Fixture.later(6))
                } == .rejected)
            #expect(
                await storeErrorKind { _ = try await store.invitation(token: issued.token, now: Fixture.later(7)) }
                    == .unauthorized)
            // The failed second redemption left nothing behind.
            #expect(try await store.users().count == 1)
        }
    }

    @Test("a challenge is good once, for its purpose, until it expires", arguments: Engine.allCases)
    func challengeOnce(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            _ = try await Fixture(backend)
            let store = SQLIdentityStore(backend: backend)
            for value in ["c1", "c2", "c3"] {
                try await store.saveChallenge(
                    Challenge(value: value, purpose: .login, invitation: nil, expiresAt: Fixture.later(300)),
                    now: Fixture.t0)
            }
            #expect(try await store.consumeChallenge("c1", purpose: .login, now: Fixture.later(10)).value == "c1")
            #expect(
                await storeErrorKind {
                    _ = try await store.consumeChallenge("c1", purpose: .login, now: Fixture.later(11))
                }
                    == .notFound)
            #expect(
                await storeErrorKind {
                    _ = try await store.consumeChallenge("c2", purpose: .registration, now: Fixture.later(12))
                } == .notFound)
            #expect(
                await storeErrorKind {
                    _ = try await store.consumeChallenge("c3", purpose: .login, now: Fixture.later(300))
                }
                    == .notFound)
            // A registration challenge must name its invitation (a CHECK).
            #expect(
                await storeErrorKind {
                    try await store.saveChallenge(
                        Challenge(value: "r", purpose: .registration, invitation: nil, expiresAt: Fixture.later(300)),
                        now: Fixture.t0)
                } == .rejected)
        }
    }

    @Test("revoking the session, its passkey or its user ends it at the next resolve", arguments: Engine.allCases)
    func revocation(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            _ = try await Fixture(backend)
            let store = SQLIdentityStore(backend: backend)
            let (user, key) = try await Self.enrolled(store)
            func open() async throws -> OpenedSession {
                try await store.openSession(
                    user: user.id, passkey: key.id, userVerified: true, validFor: .seconds(1800), now: Fixture.later(2))
            }
            let first = try await open()
            #expect(first.token.hasPrefix("ovs_"))
            let (session, resolvedUser) = try await store.resolveSession(token: first.token, now: Fixture.later(3))
            #expect(session.id == first.session.id && session.userVerified)
            #expect(resolvedUser.assignments == [Self.operatorOfA])
            #expect(
                await storeErrorKind {
                    _ = try await store.resolveSession(token: first.token, now: Fixture.later(1802))
                }
                    == .unauthorized)
            try await store.revokeSession(first.session.id, now: Fixture.later(4))
            #expect(
                await storeErrorKind { _ = try await store.resolveSession(token: first.token, now: Fixture.later(5)) }
                    == .unauthorized)

            let second = try await open()
            try await store.revokePasskey(key.id, now: Fixture.later(6))
            #expect(
                await storeErrorKind { _ = try await store.resolveSession(token: second.token, now: Fixture.later(7)) }
                    == .unauthorized)
            #expect(await storeErrorKind { _ = try await store.activePasskey(key.id) } == .notFound)

            let (other, otherKey) = try await Self.enrolledSecond(store)
            let third = try await store.openSession(
                user: other.id, passkey: otherKey.id, userVerified: false, validFor: .seconds(60), now: Fixture.later(8)
            )
            _ = try await store.resolveSession(token: third.token, now: Fixture.later(9))
            try await store.revokeUser(other.id, now: Fixture.later(10))
            #expect(
                await storeErrorKind { _ = try await store.resolveSession(token: third.token, now: Fixture.later(11)) }
                    == .unauthorized)
            // A session cannot be bound to another user's passkey (composite foreign key).
            #expect(
                await storeErrorKind {
                    _ = try await store.openSession(
                        user: user.id, passkey: otherKey.id, userVerified: true, validFor: .seconds(60),
                        now: Fixture.later(12))
                } == .invalidReference)
        }
    }

    static func enrolledSecond(_ store: SQLIdentityStore) async throws -> (User, Passkey) {
        let issued = try await store.createInvitation(
            name: "李大華", assignment: assignment(.auditor, .nation), createdBy: "cli", validFor: .seconds(3600),
            now: Fixture.t0)
        let key = passkey("cred-9", user: User.ID(issued.invitation.id.rawValue))
        return (try await store.redeem(issued.invitation.id, passkey: key, now: Fixture.later(1)), key)
    }

    @Test("the sign counter only grows", arguments: Engine.allCases)
    func counter(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            _ = try await Fixture(backend)
            let store = SQLIdentityStore(backend: backend)
            let (_, key) = try await Self.enrolled(store, signCount: 5)
            try await store.recordUse(of: key.id, signCount: 6, now: Fixture.later(2))
            #expect(try await store.activePasskey(key.id).signCount == 6)
            for stale: UInt32 in [6, 3, 0] {
                #expect(
                    await storeErrorKind {
                        try await store.recordUse(of: key.id, signCount: stale, now: Fixture.later(3))
                    }
                        == .rejected)
            }
        }
    }

    @Test("roles are held only where they make sense; the schema refuses the rest", arguments: Engine.allCases)
    func roleChecks(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            _ = try await Fixture(backend)
            let store = SQLIdentityStore(backend: backend)
            let (user, _) = try await Self.enrolled(store)
            let oid = Fixture.agencyA.rawValue
            let refused: [SQLQueryString] = [
                "INSERT INTO user_roles VALUES (\(bind: user.id.rawValue), 'national_supervisor', 'agency', \(bind: oid))",
                "INSERT INTO user_roles VALUES (\(bind: user.id.rawValue), 'agency_operator', 'nation', NULL)",
                "INSERT INTO user_roles VALUES (\(bind: user.id.rawValue), 'auditor', 'nation', \(bind: oid))",
                "INSERT INTO user_roles VALUES (\(bind: user.id.rawValue), 'superuser', 'nation', NULL)",
            ]
            for statement in refused {
                let kind = await storeErrorKind {
                    try await backend.run("bad role") { try await backend.database.raw(statement).run() }
                }
                #expect(kind == .rejected)
            }
            #expect(throws: Rejection.self) { try RoleAssignment(.nationalSupervisor, .agency(Fixture.agencyA)) }
        }
    }

    @Test("authorization decisions are append-only", arguments: Engine.allCases)
    func authorizationLog(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let log = SQLAuthorizationLog(backend: backend)
            try await log.record(
                AuthorizationRecord(
                    at: Fixture.t0, requestID: "r1", request: "GET /api/v1/me", principal: "user:1",
                    action: "profile.read",
                    tenant: "own", outcome: .allow, reason: "own profile"))
            #expect(try await log.records(requestID: "r1", limit: 10).map(\.outcome) == [.allow])
            let statements: [SQLQueryString] =
                ["UPDATE authorization_log SET outcome = 'deny'", "DELETE FROM authorization_log"]
                + (engine == .postgres ? ["TRUNCATE authorization_log"] : [])
            for statement in statements {
                let kind = await storeErrorKind {
                    try await backend.run("tampering") { try await backend.database.raw(statement).run() }
                }
                #expect(kind == .rejected)
            }
        }
    }
}
