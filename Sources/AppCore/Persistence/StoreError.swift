/// What a store reports when it cannot do what was asked. Storage adapters translate driver errors into this at
/// their edge, so nothing above them names a driver type.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// The row does not exist, or it belongs to another agency (the two are deliberately indistinguishable).
        case notFound = "not found"
        /// A unique constraint refused a second row with the same key.
        case conflict = "conflict"
        /// A foreign key named a row that does not exist.
        case invalidReference = "invalid reference"
        /// A check constraint or a trigger refused the change (bad value, append-only table).
        case rejected = "rejected"
        /// The job's lease expired or was taken over by another worker: its work must not be committed.
        case leaseLost = "lease lost"
        /// The API key is unknown, expired or revoked.
        case unauthorized = "unauthorized"
        /// The database could not be reached or stayed busy.
        case unavailable = "unavailable"
        /// The schema is missing, diverged from this build's migrations, or is newer than this build.
        case schema = "schema"
        /// A stored value could not be read back as its type.
        case corrupt = "corrupt"
    }

    public var kind: Kind
    /// What was being done and, where the database said why, its reason (never a secret or a bound value).
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind.rawValue): \(detail)" }
}
