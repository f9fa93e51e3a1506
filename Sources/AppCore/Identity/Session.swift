import VulnModel

/// A signed-in session: short-lived, bound to the passkey that opened it, revocable at once. Only a hash of its
/// token is stored.
public struct Session: Hashable, Sendable, Identifiable {
    public struct ID: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var id: ID
    public var user: User.ID
    public var passkey: Passkey.ID
    /// Whether the passkey verified the user (PIN, biometric): the assurance the session was opened with.
    public var userVerified: Bool
    public var createdAt: Timestamp
    public var expiresAt: Timestamp
    public var revokedAt: Timestamp?

    public init(
        id: ID, user: User.ID, passkey: Passkey.ID, userVerified: Bool, createdAt: Timestamp, expiresAt: Timestamp,
        revokedAt: Timestamp? = nil
    ) {
        self.id = id
        self.user = user
        self.passkey = passkey
        self.userVerified = userVerified
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// The assurance recorded with each decision (DOMAIN §6.2: record the identity assurance level of the session).
    public var assurance: String { userVerified ? "passkey+uv" : "passkey" }
}

/// A session and its bearer token, which exists only here and in the caller's cookie.
public struct OpenedSession: Sendable {
    public var session: Session
    public var token: String

    public init(session: Session, token: String) {
        self.session = session
        self.token = token
    }
}
