import AppCore
import Governance
import Remediation
import SQLKit
import VulnModel

/// `RemediationStore` over SQL: one row per record (its SLA clock included, so overdue lists are queries), its
/// history as append-only rows, and the standing decisions.
public struct SQLRemediationStore: RemediationStore {
    let backend: Backend

    public init(backend: Backend) { self.backend = backend }

    public func records(agency: Agency.ID, host: HostID?) async throws(StoreError) -> [TrackedRemediation] {
        var filter: SQLQueryString = "r.agency_oid = \(bind: agency.rawValue)"
        if let host { filter += " AND r.host = \(bind: host.rawValue)" }
        return try await load(filter, "reading the remediation records of \(agency)")
    }

    public func record(_ key: FindingKey) async throws(StoreError) -> TrackedRemediation {
        let found = try await load(Self.matching(key, prefix: "r."), "reading the remediation record \(key)")
        guard let record = found.first else { throw StoreError(.notFound, "remediation record \(key)") }
        return record
    }

    public func records(in states: Set<RemediationState>) async throws(StoreError) -> [TrackedRemediation] {
        guard !states.isEmpty else { return [] }
        return try await load(Self.inStates(states), "reading remediation records by state")
    }

    public func deadlines(in states: Set<RemediationState>) async throws(StoreError) -> [DueRemediation] {
        guard !states.isEmpty else { return [] }
        return try await backend.run("reading the deadlines of remediation records by state") {
            try await backend.database.raw(
                "SELECT r.agency_oid, r.host, r.cve, r.vendor, r.product, r.version, r.deadline "
                    + "FROM remediation_records r WHERE \(Self.inStates(states)) AND r.deadline IS NOT NULL "
                    + "ORDER BY r.agency_oid, r.host, r.cve, r.vendor, r.product, r.version"
            ).all().map { row in DueRemediation(key: try Self.key(row), deadline: try row.day("deadline")) }
        }
    }

    private static func inStates(_ states: Set<RemediationState>) -> SQLQueryString {
        "r.state IN (\(binds: states.map(\.rawValue).sorted()))"
    }

    public func save(_ records: [TrackedRemediation], now: Timestamp) async throws(StoreError) {
        guard !records.isEmpty else { return }
        try await backend.storeTransaction("saving \(records.count) remediation records") { db in
            for tracked in records { try await Self.write(tracked, now: now, db: db) }
        }
    }

    private func load(_ filter: SQLQueryString, _ context: String) async throws(StoreError) -> [TrackedRemediation] {
        try await backend.run(context) {
            let db = backend.database
            let rows = try await db.raw(
                "SELECT r.* FROM remediation_records r WHERE \(filter) ORDER BY r.agency_oid, r.host, r.cve, "
                    + "r.vendor, r.product, r.version"
            ).all()
            let history = try await db.raw(
                """
                SELECT h.* FROM remediation_history h JOIN remediation_records r
                    ON r.agency_oid = h.agency_oid AND r.host = h.host AND r.cve = h.cve AND r.vendor = h.vendor
                    AND r.product = h.product AND r.version = h.version
                WHERE \(filter) ORDER BY h.position
                """
            ).all()
            var entries: [FindingKey: [HistoryEntry]] = [:]
            for row in history { entries[try Self.key(row), default: []].append(try Self.historyEntry(row)) }
            return try rows.map { row in try Self.tracked(row, history: entries[try Self.key(row)] ?? []) }
        }
    }

    static func matching(_ key: FindingKey, prefix: String = "") -> SQLQueryString {
        """
        \(unsafeRaw: prefix)agency_oid = \(bind: key.agency.rawValue) AND \(unsafeRaw: prefix)host = \(bind: key.host.rawValue)
        AND \(unsafeRaw: prefix)cve = \(bind: key.cve.description)
        AND \(unsafeRaw: prefix)vendor = \(bind: key.item.product.vendor)
        AND \(unsafeRaw: prefix)product = \(bind: key.item.product.product)
        AND \(unsafeRaw: prefix)version = \(bind: key.item.version)
        """
    }

    // A new record is inserted (a second insert of the key is a conflict); a stored one is updated only if its
    // history still has the length it had when read, so two writers cannot silently overwrite each other.
    private static func write(_ tracked: TrackedRemediation, now: Timestamp, db: any SQLDatabase) async throws {
        let record = tracked.record
        let key = record.key
        let stored = tracked.storedHistoryCount
        guard record.history.count >= (stored ?? 0) else {
            throw StoreError(.conflict, "remediation record \(key): history is shorter than the stored one")
        }
        let values = RecordColumns(tracked)
        if stored == nil {
            try await db.raw(values.insert(now: now)).run()
        } else if try await db.raw(values.update(now: now, expectedLength: stored ?? 0)).first() == nil {
            throw StoreError(.conflict, "remediation record \(key) was changed by someone else; read it again")
        }
        let start = stored ?? 0
        guard start < record.history.count else { return }
        var query: SQLQueryString = """
            INSERT INTO remediation_history (agency_oid, host, cve, vendor, product, version, position, day, actor,
                action, from_state, to_state, note, recorded_at) VALUES
            """
        for position in start..<record.history.count {
            let entry = record.history[position]
            if position > start { query += "," }
            query += """
                 (\(bind: key.agency.rawValue), \(bind: key.host.rawValue), \(bind: key.cve.description),
                 \(bind: key.item.product.vendor), \(bind: key.item.product.product), \(bind: key.item.version),
                 \(bind: Int64(position)), \(bind: entry.day.description), \(bind: entry.actor), \(bind: entry.action),
                 \(bind: entry.from.rawValue), \(bind: entry.to.rawValue), \(bind: entry.note), \(bind: now.storageValue))
                """
        }
        try await db.raw(query).run()
    }
}
