import AppCore
import Governance
import SQLKit
import VulnModel

/// `AuditLog` over SQL. Appending is the only write; the table's triggers refuse UPDATE, DELETE (and, on
/// PostgreSQL, TRUNCATE) from anyone.
public struct SQLAuditLog: AuditLog {
    let backend: Backend

    public init(backend: Backend) { self.backend = backend }

    @discardableResult
    public func append(_ entry: AuditEntry) async throws(StoreError) -> AuditEntry.Sequence {
        try await backend.run("appending to the audit log") {
            guard
                let row = try await backend.database.raw(
                    """
                    INSERT INTO audit_log (at_ms, actor, agency_oid, action, subject, detail)
                    VALUES (\(bind: entry.at.storageValue), \(bind: entry.actor), \(bind: entry.agency?.rawValue),
                        \(bind: entry.action), \(bind: entry.subject), \(bind: entry.detail))
                    RETURNING seq
                    """
                ).first()
            else { throw StoreError(.corrupt, "audit entry inserted without a sequence number") }
            return AuditEntry.Sequence(try row.int64("seq"))
        }
    }

    public func entries(agency: Agency.ID?, after: AuditEntry.Sequence?, limit: Int) async throws(StoreError)
        -> [AuditEntry]
    {
        try await backend.run("reading the audit log") {
            var query: SQLQueryString = """
                SELECT seq, at_ms, actor, agency_oid, action, subject, detail FROM audit_log
                WHERE seq > \(bind: after?.rawValue ?? 0)
                """
            if let agency { query += " AND agency_oid = \(bind: agency.rawValue)" }
            query += " ORDER BY seq LIMIT \(bind: Int64(limit))"
            return try await backend.database.raw(query).all().map { row in
                AuditEntry(
                    sequence: AuditEntry.Sequence(try row.int64("seq")), at: try row.timestamp("at_ms"),
                    actor: try row.string("actor"), agency: try row.optionalAgency("agency_oid"),
                    action: try row.string("action"), subject: try row.string("subject"),
                    detail: try row.string("detail")
                )
            }
        }
    }
}
