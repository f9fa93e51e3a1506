import Governance

/// An append-only log. The database itself refuses updates and deletes of its rows, so not even a bug or an
/// operator with SQL access through the application can rewrite history.
public protocol AuditLog: Sendable {
    @discardableResult
    func append(_ entry: AuditEntry) async throws(StoreError) -> AuditEntry.Sequence

    /// Entries after `after` in order, `limit` at a time; those of one agency when given.
    func entries(agency: Agency.ID?, after: AuditEntry.Sequence?, limit: Int) async throws(StoreError) -> [AuditEntry]
}
