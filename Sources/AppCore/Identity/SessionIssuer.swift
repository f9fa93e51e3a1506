import VulnModel
import WebAuthn

/// Signing in with a passkey: a one-time challenge, an assertion checked against the stored key and counter, and a
/// short-lived session bound to that passkey. A counter that goes backwards revokes the passkey (a clone).
public struct SessionIssuer: Sendable {
    public let identities: any IdentityStore
    public let audit: any AuditLog
    public let party: RelyingParty
    public let clock: @Sendable () -> Timestamp
    public var challengeLifetime: Duration = .seconds(300)
    /// Sessions are short (DOMAIN §6.2: short-lived tokens); signing in again with a passkey is quick.
    public var sessionLifetime: Duration

    public init(
        identities: any IdentityStore, audit: any AuditLog, party: RelyingParty,
        sessionLifetime: Duration = .seconds(30 * 60), clock: @escaping @Sendable () -> Timestamp
    ) {
        self.identities = identities
        self.audit = audit
        self.party = party
        self.sessionLifetime = sessionLifetime
        self.clock = clock
    }

    /// What the browser passes to `navigator.credentials.get()`: no allow-list, so the passkey names the user.
    public struct Options: Hashable, Sendable {
        public var challenge: String
        public var relyingPartyID: String
        public var timeoutMilliseconds: Int
    }

    public struct SignedIn: Sendable {
        public var session: OpenedSession
        public var user: User
    }

    public func options() async throws -> Options {
        let now = clock()
        let challenge = Challenge(
            value: Base64URL.encode(randomBytes(32)), purpose: .login, invitation: nil,
            expiresAt: now.adding(challengeLifetime))
        try await identities.saveChallenge(challenge, now: now)
        return Options(
            challenge: challenge.value, relyingPartyID: party.id,
            timeoutMilliseconds: Int(challengeLifetime.components.seconds) * 1000)
    }

    public func signIn(_ response: AssertionResponse) async throws -> SignedIn {
        let now = clock()
        let (_, challenge) = try await consume(response.clientDataJSON, purpose: .login, now: now, in: identities)
        let passkeyID = Passkey.ID(Base64URL.encode(response.credentialID))
        let passkey: Passkey
        do { passkey = try await identities.activePasskey(passkeyID) } catch {
            guard error.kind == .notFound else { throw error }
            throw Rejection(.unauthenticated, "the passkey is not registered or was revoked", field: "id")
        }
        if let handle = response.userHandle, handle != Array(passkey.user.rawValue.utf8) {
            throw Rejection(.unauthenticated, "the user handle is not the passkey's user", field: "userHandle")
        }
        let verified: VerifiedAssertion
        do {
            let key = try ES256PublicKey(coseBytes: passkey.publicKey)
            verified = try party.verifyAssertion(
                response, challenge: challenge, credentialID: response.credentialID, publicKey: key,
                storedSignCount: passkey.signCount)
        } catch {
            if error.kind == .signCountRegression {
                try await identities.revokePasskey(passkey.id, now: now)
                try await audit.append(
                    AuditEntry(
                        at: now, actor: "service:auth", agency: nil, action: "passkey.revoked",
                        subject: passkey.id.rawValue,
                        detail: #"{"reason":"sign count regression","stored":\#(passkey.signCount)}"#))
            }
            throw Rejection(error, kind: .unauthenticated)
        }
        do { try await identities.recordUse(of: passkey.id, signCount: verified.signCount, now: now) } catch {
            // Two sign-ins with the same counter racing: the loser is treated like a regression, without revoking.
            guard error.kind == .rejected else { throw error }
            throw Rejection(.unauthenticated, "the passkey's counter did not advance", field: "authenticatorData")
        }
        let user = try await identities.user(passkey.user)
        let opened = try await identities.openSession(
            user: user.id, passkey: passkey.id, userVerified: verified.flags.contains(.userVerified),
            validFor: sessionLifetime, now: now)
        try await audit.append(
            AuditEntry(
                at: now, actor: "user:\(user.id)", agency: user.assignments.first?.scope.agency,
                action: "session.opened",
                subject: opened.session.id.rawValue,
                detail:
                    #"{"passkey":"\#(passkey.id)","assurance":"\#(opened.session.assurance)","expiresAt":"\#(opened.session.expiresAt)"}"#
            ))
        return SignedIn(session: opened, user: user)
    }

    public func signOut(_ principal: Principal) async throws {
        guard case .user(let user, let session, _, _) = principal.subject else { return }
        let now = clock()
        try await identities.revokeSession(session, now: now)
        try await audit.append(
            AuditEntry(
                at: now, actor: "user:\(user)", agency: nil, action: "session.revoked", subject: session.rawValue,
                detail: #"{"reason":"logout"}"#))
    }
}
