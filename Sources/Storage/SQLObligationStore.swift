import AppCore
import Governance
import SQLKit
import VulnModel

/// `ObligationStore` over SQL: `agency_obligations` (current and superseded sets) and `obligation_evidence`
/// (migration 11, ADR 0020).
public struct SQLObligationStore: ObligationStore {
    let backend: Backend

    public init(backend: Backend) { self.backend = backend }

    public func obligations(agency: Agency.ID?, history: Bool) async throws(StoreError) -> [StoredObligation] {
        try await backend.run("reading obligations") {
            try await Self.load(backend.database, agency: agency, history: history)
        }
    }

    public func replaceCurrent(agency: Agency.ID, with items: [StoredObligation], on day: Day) async throws(StoreError)
        -> (inserted: Int, superseded: Int)
    {
        try await backend.storeTransaction("generating the obligations of \(agency)") { db in
            let current = try await Self.load(db, agency: agency, history: false)
            let oid = agency.rawValue
            var superseded = 0
            for item in current where !items.contains(where: { $0.isSameItem(as: item) }) {
                try await db.raw(
                    """
                    UPDATE agency_obligations SET superseded_on = \(bind: day.description)
                    WHERE \(Self.key(item))
                    """
                ).run()
                superseded += 1
            }
            var inserted = 0
            for item in items {
                if current.contains(where: { $0.isSameItem(as: item) }) {
                    try await db.raw(
                        """
                        UPDATE agency_obligations SET due_date = \(bind: item.dueDate?.description),
                            not_applicable = \(bind: item.notApplicable)
                        WHERE \(Self.key(item))
                        """
                    ).run()
                    continue
                }
                // An item of an earlier set coming back (a level history corrected) is current again.
                try await db.raw(
                    """
                    INSERT INTO agency_obligations (agency_oid, version, code, level, level_effective, due_date,
                        not_applicable, generated_on, superseded_on)
                    VALUES (\(bind: oid), \(bind: item.version), \(bind: item.code), \(bind: item.level.rawValue),
                        \(bind: item.levelEffective.description), \(bind: item.dueDate?.description),
                        \(bind: item.notApplicable), \(bind: day.description), NULL)
                    ON CONFLICT (agency_oid, version, code, level, level_effective) DO UPDATE SET
                        superseded_on = NULL, due_date = excluded.due_date, not_applicable = excluded.not_applicable
                    """
                ).run()
                inserted += 1
            }
            return (inserted, superseded)
        }
    }

    public func record(_ evidence: ObligationEvidence, agency: Agency.ID, now: Timestamp) async throws(StoreError) {
        let (kind, count): (String, Int64?)
        switch evidence.kind {
        case .done: (kind, count) = ("done", nil)
        case .started: (kind, count) = ("started", nil)
        case .count(let value): (kind, count) = ("count", Int64(value))
        }
        try await backend.storeTransaction("recording evidence for \(evidence.code) of \(agency)") { db in
            let oid = agency.rawValue
            let next =
                try await db.raw(
                    """
                    SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM obligation_evidence
                    WHERE agency_oid = \(bind: oid) AND code = \(bind: evidence.code)
                    """
                ).first()?.int("next") ?? 1
            try await db.raw(
                """
                INSERT INTO obligation_evidence (agency_oid, code, seq, day, kind, count, note, recorded_at)
                VALUES (\(bind: oid), \(bind: evidence.code), \(bind: Int64(next)), \(bind: evidence.day.description),
                    \(bind: kind), \(bind: count), \(bind: evidence.note), \(bind: now.storageValue))
                """
            ).run()
        }
    }

    public func evidence(agency: Agency.ID?) async throws(StoreError) -> [Agency.ID: [ObligationEvidence]] {
        try await backend.run("reading obligation evidence") {
            var filter: SQLQueryString = ""
            if let agency { filter = " WHERE agency_oid = \(bind: agency.rawValue)" }
            var found: [Agency.ID: [ObligationEvidence]] = [:]
            for row in try await backend.database.raw(
                "SELECT * FROM obligation_evidence\(filter) ORDER BY agency_oid, day, code, seq"
            ).all() {
                let kind: ObligationEvidence.Kind
                switch try row.string("kind") {
                case "done": kind = .done
                case "started": kind = .started
                default: kind = .count(try row.int("count"))
                }
                found[try row.agency("agency_oid"), default: []].append(
                    ObligationEvidence(
                        code: try row.string("code"), day: try row.day("day"), kind: kind, note: try row.string("note"))
                )
            }
            return found
        }
    }

    static func key(_ item: StoredObligation) -> SQLQueryString {
        """
        agency_oid = \(bind: item.agency.rawValue) AND version = \(bind: item.version) AND code = \(bind: item.code)
            AND level = \(bind: item.level.rawValue) AND level_effective = \(bind: item.levelEffective.description)
        """
    }

    static func load(_ db: any SQLDatabase, agency: Agency.ID?, history: Bool) async throws -> [StoredObligation] {
        var conditions: [SQLQueryString] = []
        if let agency { conditions.append("agency_oid = \(bind: agency.rawValue)") }
        if !history { conditions.append("superseded_on IS NULL") }
        var query: SQLQueryString = "SELECT * FROM agency_obligations"
        for (offset, condition) in conditions.enumerated() { query += (offset == 0 ? " WHERE " : " AND ") + condition }
        query += " ORDER BY agency_oid, level_effective, version, code"
        return try await db.raw(query).all().map { row in
            StoredObligation(
                agency: try row.agency("agency_oid"), version: try row.string("version"), code: try row.string("code"),
                level: try row.enumeration("level", as: SecurityLevel.self),
                levelEffective: try row.day("level_effective"), dueDate: try row.optionalDay("due_date"),
                notApplicable: try row.optionalString("not_applicable"), generatedOn: try row.day("generated_on"),
                supersededOn: try row.optionalDay("superseded_on"))
        }
    }
}
