import VulnModel

/// A person who signs in with passkeys. There is no password anywhere: a user exists only through an invitation
/// redeemed by registering a passkey.
public struct User: Hashable, Sendable, Identifiable {
    public struct ID: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var id: ID
    public var name: String
    public var assignments: [RoleAssignment]
    public var createdAt: Timestamp
    public var revokedAt: Timestamp?

    public init(id: ID, name: String, assignments: [RoleAssignment], createdAt: Timestamp, revokedAt: Timestamp?) {
        self.id = id
        self.name = name
        self.assignments = assignments
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// A registered passkey: the device a session is bound to.
public struct Passkey: Hashable, Sendable, Identifiable {
    /// The WebAuthn credential id in base64url.
    public struct ID: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var id: ID
    public var user: User.ID
    /// The COSE key as the authenticator wrote it.
    public var publicKey: [UInt8]
    public var signCount: UInt32
    public var deviceName: String
    /// The authenticator model (AAGUID, hex) and how it attested, for the record.
    public var aaguid: String
    public var attestation: String
    public var createdAt: Timestamp
    public var lastUsedAt: Timestamp?
    public var revokedAt: Timestamp?

    public init(
        id: ID, user: User.ID, publicKey: [UInt8], signCount: UInt32, deviceName: String, aaguid: String,
        attestation: String, createdAt: Timestamp, lastUsedAt: Timestamp? = nil, revokedAt: Timestamp? = nil
    ) {
        self.id = id
        self.user = user
        self.publicKey = publicKey
        self.signCount = signCount
        self.deviceName = deviceName
        self.aaguid = aaguid
        self.attestation = attestation
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}
