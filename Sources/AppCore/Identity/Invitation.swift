import VulnModel

/// A one-time enrolment: made from the command line for a named person and one role, redeemed by registering a
/// passkey. Only a hash of its token is stored; the token is shown once.
public struct Invitation: Hashable, Sendable, Identifiable {
    public struct ID: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var id: ID
    public var name: String
    public var assignment: RoleAssignment
    public var createdBy: String
    public var createdAt: Timestamp
    public var expiresAt: Timestamp
    public var usedAt: Timestamp?
    public var user: User.ID?

    public init(
        id: ID, name: String, assignment: RoleAssignment, createdBy: String, createdAt: Timestamp,
        expiresAt: Timestamp, usedAt: Timestamp? = nil, user: User.ID? = nil
    ) {
        self.id = id
        self.name = name
        self.assignment = assignment
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
        self.user = user
    }

    public func isRedeemable(at now: Timestamp) -> Bool { usedAt == nil && now < expiresAt }
}

/// An invitation and its token, which exists only here.
public struct IssuedInvitation: Sendable {
    public var invitation: Invitation
    public var token: String

    public init(invitation: Invitation, token: String) {
        self.invitation = invitation
        self.token = token
    }
}

/// A WebAuthn challenge issued by this service, valid once and briefly.
public struct Challenge: Hashable, Sendable {
    public enum Purpose: String, Hashable, Sendable {
        case registration
        case login
    }

    /// The random bytes in base64url, as `clientDataJSON` carries them.
    public var value: String
    public var purpose: Purpose
    /// For a registration: the invitation being redeemed.
    public var invitation: Invitation.ID?
    public var expiresAt: Timestamp

    public init(value: String, purpose: Purpose, invitation: Invitation.ID?, expiresAt: Timestamp) {
        self.value = value
        self.purpose = purpose
        self.invitation = invitation
        self.expiresAt = expiresAt
    }
}
