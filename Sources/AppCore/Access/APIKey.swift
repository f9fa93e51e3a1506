import Governance
import VulnModel

/// An agency's API key for machine uploads (DOMAIN.md §1.3, R48). Only a hash of the secret is stored; the secret
/// itself exists once, in the `IssuedAPIKey` handed back when the key is made.
public struct APIKey: Hashable, Sendable, Identifiable {
    public struct ID: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var id: ID
    public var agency: Agency.ID
    public var label: String
    public var createdAt: Timestamp
    public var expiresAt: Timestamp
    public var revokedAt: Timestamp?
    /// The key that replaced this one when it was rotated.
    public var replacedBy: ID?

    public init(
        id: ID, agency: Agency.ID, label: String, createdAt: Timestamp, expiresAt: Timestamp, revokedAt: Timestamp?,
        replacedBy: ID?
    ) {
        self.id = id
        self.agency = agency
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.replacedBy = replacedBy
    }

    public func isUsable(at now: Timestamp) -> Bool { revokedAt == nil && now < expiresAt }
}

/// A new key and its secret. The secret is shown to the agency once and never stored.
public struct IssuedAPIKey: Sendable {
    public var key: APIKey
    public var secret: String

    public init(key: APIKey, secret: String) {
        self.key = key
        self.secret = secret
    }
}
