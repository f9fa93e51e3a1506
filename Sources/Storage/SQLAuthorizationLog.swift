import AppCore
import SQLKit
import VulnModel

/// `AuthorizationLog` over SQL: an append-only table like the audit log (migration 8).
public struct SQLAuthorizationLog: AuthorizationLog {
    let backend: Backend

    public init(backend: Backend) { self.backend = backend }

    public func record(_ record: AuthorizationRecord) async throws(StoreError) {
        try await backend.run("recording an authorization decision") {
            try await backend.database.raw(
                """
                INSERT INTO authorization_log (at_ms, request_id, request, principal, action, tenant, outcome, reason)
                VALUES (\(bind: record.at.storageValue), \(bind: record.requestID), \(bind: record.request),
                    \(bind: record.principal), \(bind: record.action), \(bind: record.tenant),
                    \(bind: record.outcome.rawValue), \(bind: record.reason))
                """
            ).run()
        }
    }

    public func records(requestID: String?, limit: Int) async throws(StoreError) -> [AuthorizationRecord] {
        try await backend.run("reading authorization decisions") {
            let columns = "at_ms, request_id, request, principal, action, tenant, outcome, reason"
            let rows: [any SQLRow]
            if let requestID {
                rows = try await backend.database.raw(
                    """
                    SELECT \(unsafeRaw: columns) FROM authorization_log WHERE request_id = \(bind: requestID)
                    ORDER BY seq DESC LIMIT \(bind: limit)
                    """
                ).all()
            } else {
                rows = try await backend.database.raw(
                    "SELECT \(unsafeRaw: columns) FROM authorization_log ORDER BY seq DESC LIMIT \(bind: limit)"
                ).all()
            }
            return try rows.map { row in
                AuthorizationRecord(
                    at: try row.timestamp("at_ms"), requestID: try row.string("request_id"),
                    request: try row.string("request"), principal: try row.string("principal"),
                    action: try row.string("action"), tenant: try row.string("tenant"),
                    outcome: try row.enumeration("outcome", as: AuthorizationDecision.Outcome.self),
                    reason: try row.string("reason"))
            }
        }
    }
}
