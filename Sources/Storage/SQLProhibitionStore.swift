import AppCore
import Governance
import SQLKit
import VulnModel

/// `ProhibitionStore` over SQL: publications, one row per removal task with its outstanding hits beside it, the
/// register of exceptions, and the append-only history (ADR 0022).
public struct SQLProhibitionStore: ProhibitionStore {
    let backend: Backend

    public init(backend: Backend) { self.backend = backend }

    public func publish(_ entry: PublishedEntry, tasks: [TrackedRemovalTask], actor: String, now: Timestamp)
        async throws(StoreError)
    {
        try await backend.storeTransaction("publishing catalogue entry \(entry.entry)") { db in
            try await db.raw(
                """
                INSERT INTO prohibited_publications (entry_id, name, category, catalogue_version, published_on,
                    due_days, published_by, recorded_at)
                VALUES (\(bind: entry.entry.rawValue), \(bind: entry.name), \(bind: entry.category),
                    \(bind: entry.catalogueVersion), \(bind: entry.publishedOn.description),
                    \(bind: Int64(entry.dueDays)), \(bind: entry.publishedBy), \(bind: now.storageValue))
                """
            ).run()
            for tracked in tasks {
                try await Self.write(tracked, actor: actor, action: "prohibited.published", now: now, db: db)
            }
        }
    }

    public func publications() async throws(StoreError) -> [PublishedEntry] {
        try await backend.run("reading published catalogue entries") {
            try await backend.database.raw(
                "SELECT * FROM prohibited_publications ORDER BY published_on, recorded_at, entry_id"
            ).all().map { row in
                PublishedEntry(
                    entry: ProhibitedEntryID(try row.string("entry_id")), name: try row.string("name"),
                    category: try row.string("category"), catalogueVersion: try row.string("catalogue_version"),
                    publishedOn: try row.day("published_on"), dueDays: try row.int("due_days"),
                    publishedBy: try row.string("published_by"))
            }
        }
    }

    public func tasks(agency: Agency.ID?) async throws(StoreError) -> [TrackedRemovalTask] {
        let filter: SQLQueryString =
            agency.map { "WHERE t.agency_oid = \(bind: $0.rawValue)" } ?? SQLQueryString("")
        return try await backend.run("reading removal tasks") {
            let db = backend.database
            let rows = try await db.raw(
                """
                SELECT t.*, e.ciso_approval, e.authority_approval, e.reason, e.expires, e.product, e.location,
                    e.connectivity, e.measures, e.replacement_date
                FROM removal_tasks t LEFT JOIN removal_exceptions e
                    ON e.entry_id = t.entry_id AND e.agency_oid = t.agency_oid
                \(filter) ORDER BY t.entry_id, t.agency_oid
                """
            ).all()
            let hitRows = try await db.raw(
                "SELECT t.entry_id, t.agency_oid, t.host, t.item_name FROM removal_task_hits t \(filter)"
            ).all()
            var hits: [String: [ProhibitedHit]] = [:]
            for row in hitRows {
                let agency = try row.agency("agency_oid")
                let entry = try row.string("entry_id")
                hits["\(entry) \(agency)", default: []].append(
                    ProhibitedHit(
                        entry: ProhibitedEntryID(entry),
                        host: HostRef(agency: agency, host: HostID(try row.string("host"))),
                        itemName: try row.string("item_name")))
            }
            return try rows.map { row in
                try Self.tracked(row, hits: hits["\(try row.string("entry_id")) \(try row.agency("agency_oid"))"] ?? [])
            }
        }
    }

    public func save(_ tasks: [TrackedRemovalTask], actor: String, action: String, now: Timestamp)
        async throws(StoreError)
    {
        guard !tasks.isEmpty else { return }
        try await backend.storeTransaction("saving \(tasks.count) removal tasks") { db in
            for tracked in tasks { try await Self.write(tracked, actor: actor, action: action, now: now, db: db) }
        }
    }

    public func history(entry: ProhibitedEntryID, agency: Agency.ID) async throws(StoreError) -> [RemovalEvent] {
        try await backend.run("reading the history of removal task \(entry) of \(agency)") {
            try await backend.database.raw(
                """
                SELECT * FROM removal_history
                WHERE entry_id = \(bind: entry.rawValue) AND agency_oid = \(bind: agency.rawValue)
                ORDER BY position
                """
            ).all().map { row in
                RemovalEvent(
                    day: try row.day("day"), actor: try row.string("actor"), action: try row.string("action"),
                    from: try row.optionalString("from_status"), to: try row.string("to_status"),
                    note: try row.optionalString("note"))
            }
        }
    }

    public func openTaskCounts() async throws(StoreError) -> [Agency.ID: Int] {
        try await backend.run("counting open removal tasks") {
            var counts: [Agency.ID: Int] = [:]
            for row in try await backend.database.raw(
                "SELECT agency_oid, COUNT(*) AS open_tasks FROM removal_tasks WHERE status = 'open' GROUP BY agency_oid"
            ).all() {
                counts[try row.agency("agency_oid")] = try row.int("open_tasks")
            }
            return counts
        }
    }

    public func hits(of snapshot: InventorySnapshot) async throws(StoreError) -> [ProhibitedHit] {
        let fallback = HostID(snapshot.agency.rawValue)
        return try await backend.run("reading the catalogue hits of snapshot \(snapshot.id)") {
            // The join on the snapshot's agency is the tenant check, as for its rows.
            let rows = try await backend.database.raw(
                """
                SELECT DISTINCT h.entry_id, r.host, r.asset_name
                FROM snapshot_prohibited_hits h
                JOIN snapshot_rows r ON r.snapshot_id = h.snapshot_id AND r.row_number = h.row_number
                JOIN snapshots s ON s.id = h.snapshot_id
                WHERE h.snapshot_id = \(bind: snapshot.id.rawValue) AND s.agency_oid = \(bind: snapshot.agency.rawValue)
                """
            ).all()
            let hits = try rows.map { row in
                ProhibitedHit(
                    entry: ProhibitedEntryID(try row.string("entry_id")),
                    host: HostRef(
                        agency: snapshot.agency, host: try row.optionalString("host").map(HostID.init) ?? fallback),
                    itemName: try row.string("asset_name"))
            }
            return Array(Set(hits)).sorted()
        }
    }
}
