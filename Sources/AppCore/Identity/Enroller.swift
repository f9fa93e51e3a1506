import Governance
import VulnModel
import WebAuthn

/// Enrolment without passwords: an administrator invites a person from the command line; the person redeems the
/// one-time token by registering a passkey, which creates their account with the invited role.
public struct Enroller: Sendable {
    public let identities: any IdentityStore
    public let audit: any AuditLog
    public let party: RelyingParty
    public let clock: @Sendable () -> Timestamp
    /// How long a registration ceremony may take (WebAuthn suggests 5–10 minutes).
    public var challengeLifetime: Duration = .seconds(300)

    public init(
        identities: any IdentityStore, audit: any AuditLog, party: RelyingParty,
        clock: @escaping @Sendable () -> Timestamp
    ) {
        self.identities = identities
        self.audit = audit
        self.party = party
        self.clock = clock
    }

    /// What the browser passes to `navigator.credentials.create()`.
    public struct Options: Hashable, Sendable {
        public var challenge: String
        public var relyingPartyID: String
        /// The user handle: the invitation id, which becomes the user id.
        public var userID: String
        public var userName: String
        public var timeoutMilliseconds: Int
    }

    public func invite(name: String, assignment: RoleAssignment, by actor: String, validFor: Duration) async throws
        -> IssuedInvitation
    {
        guard !name.isEmpty else { throw Rejection(.invalid, "an invitation needs the person's name", field: "name") }
        let now = clock()
        let issued = try await identities.createInvitation(
            name: name, assignment: assignment, createdBy: actor, validFor: validFor, now: now)
        try await audit.append(
            AuditEntry(
                at: now, actor: actor, agency: assignment.scope.agency, action: "invitation.created",
                subject: issued.invitation.id.rawValue,
                detail: #"{"name":\#(jsonString(name)),"role":"\#(assignment)"}"#))
        return issued
    }

    public func options(invitationToken: String) async throws -> Options {
        let now = clock()
        let invitation: Invitation
        do { invitation = try await identities.invitation(token: invitationToken, now: now) } catch {
            guard error.kind == .unauthorized || error.kind == .notFound else { throw error }
            throw Rejection(.unauthenticated, "the invitation is unknown, used or expired", field: "invitation")
        }
        let challenge = Challenge(
            value: Base64URL.encode(randomBytes(32)), purpose: .registration, invitation: invitation.id,
            expiresAt: now.adding(challengeLifetime))
        try await identities.saveChallenge(challenge, now: now)
        return Options(
            challenge: challenge.value, relyingPartyID: party.id,
            userID: Base64URL.encode(Array(invitation.id.rawValue.utf8)), userName: invitation.name,
            timeoutMilliseconds: Int(challengeLifetime.components.seconds) * 1000)
    }

    /// Verifies the registration and creates the user with their first passkey.
    public func register(_ response: RegistrationResponse, deviceName: String) async throws -> User {
        let now = clock()
        let challenge = try await consume(response.clientDataJSON, purpose: .registration, now: now, in: identities)
        guard let invitationID = challenge.0.invitation else {
            throw Rejection(.invalid, "the challenge was not issued for an invitation", field: "clientDataJSON")
        }
        let credential: RegisteredCredential
        do { credential = try party.verifyRegistration(response, challenge: challenge.1) } catch {
            throw Rejection(error)
        }
        let userID = User.ID(invitationID.rawValue)
        let passkey = Passkey(
            id: Passkey.ID(Base64URL.encode(credential.id)), user: userID, publicKey: credential.publicKeyBytes,
            signCount: credential.signCount, deviceName: deviceName.isEmpty ? "passkey" : deviceName,
            aaguid: hex(credential.aaguid), attestation: "\(credential.format)/\(credential.attestationType.rawValue)",
            createdAt: now)
        let user: User
        do { user = try await identities.redeem(invitationID, passkey: passkey, now: now) } catch {
            guard error.kind == .rejected || error.kind == .notFound || error.kind == .conflict else { throw error }
            throw Rejection(.invalid, "the invitation cannot be redeemed: \(error.detail)", field: "invitation")
        }
        try await audit.append(
            AuditEntry(
                at: now, actor: "user:\(userID)", agency: user.assignments.first?.scope.agency,
                action: "passkey.registered", subject: passkey.id.rawValue,
                detail:
                    #"{"invitation":"\#(invitationID)","device":\#(jsonString(passkey.deviceName)),"attestation":"\#(passkey.attestation)","aaguid":"\#(passkey.aaguid)"}"#
            ))
        return user
    }
}

extension Scope {
    /// The agency an audit entry about this scope belongs to.
    public var agency: Agency.ID? {
        switch self {
        case .nation: nil
        case .supervisingBody(let id), .agency(let id): id
        }
    }
}

extension Rejection {
    /// A refused WebAuthn message, naming the part and byte offset where one is known.
    init(_ error: WebAuthnError, kind: Kind = .invalid) {
        self.init(kind, error.description, field: error.part, offset: error.offset)
    }
}

/// Takes the challenge out of `clientDataJSON` and consumes it: each challenge is good for one ceremony.
func consume(_ clientDataJSON: [UInt8], purpose: Challenge.Purpose, now: Timestamp, in store: any IdentityStore)
    async throws -> (Challenge, [UInt8])
{
    let client: ClientData
    do { client = try ClientData(clientDataJSON) } catch { throw Rejection(error) }
    do {
        let challenge = try await store.consumeChallenge(Base64URL.encode(client.challenge), purpose: purpose, now: now)
        return (challenge, client.challenge)
    } catch {
        guard error.kind == .notFound else { throw error }
        throw Rejection(
            purpose == .login ? .unauthenticated : .invalid, "the challenge is unknown, used or expired",
            field: "clientDataJSON")
    }
}

func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
}

func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
}

/// A JSON string literal for audit details.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20: out += "\\u00" + hex([UInt8(scalar.value)])
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
