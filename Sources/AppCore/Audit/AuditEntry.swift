import Governance
import VulnModel

/// One immutable record of a data change or access decision (DOMAIN.md R47).
public struct AuditEntry: Hashable, Sendable {
    /// Position in the log; strictly increasing in the order entries were appended.
    public struct Sequence: Hashable, Comparable, Sendable, CustomStringConvertible {
        public let rawValue: Int64
        public init(_ rawValue: Int64) { self.rawValue = rawValue }
        public var description: String { String(rawValue) }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var sequence: Sequence?
    public var at: Timestamp
    /// Who acted: a user, an API key id, or a service name.
    public var actor: String
    public var agency: Agency.ID?
    /// What was done, as a stable dotted name (`upload.received`, `apikey.revoked`).
    public var action: String
    /// What it was done to (an id).
    public var subject: String
    /// The inputs the decision used, as text (JSON by convention); never a secret.
    public var detail: String

    public init(
        sequence: Sequence? = nil, at: Timestamp, actor: String, agency: Agency.ID?, action: String,
        subject: String, detail: String = ""
    ) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.agency = agency
        self.action = action
        self.subject = subject
        self.detail = detail
    }
}
