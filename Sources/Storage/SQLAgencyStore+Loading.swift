import AppCore
import Governance
import SQLKit
import VulnModel

extension SQLAgencyStore {
    /// Agencies matching `condition` (on alias `a`) with their levels and units, three queries in all.
    static func load(db: any SQLDatabase, where condition: SQLQueryString?) async throws -> [Agency] {
        var filter: SQLQueryString = ""
        if let condition { filter = " WHERE " + condition }
        let rows = try await db.raw(
            """
            SELECT a.oid, a.name_zh, a.name_en, a.tier, a.kind, a.local_government, a.governs, a.supervisor_oid,
                a.has_mail_server
            FROM agencies a\(filter) ORDER BY a.oid
            """
        ).all()
        var levels: [String: [LevelAssignment]] = [:]
        for row in try await db.raw(
            """
            SELECT l.agency_oid, l.effective_day, l.level, l.reference
            FROM agency_levels l JOIN agencies a ON a.oid = l.agency_oid\(filter)
            """
        ).all() {
            let dayText = try row.string("effective_day")
            guard let day = Day(iso8601: dayText) else { throw StoreError(.corrupt, "effective_day: \(dayText)") }
            let assignment = LevelAssignment(
                level: try row.enumeration("level", as: SecurityLevel.self), effective: day,
                reference: try row.optionalString("reference")
            )
            levels[try row.string("agency_oid"), default: []].append(assignment)
        }
        var units: [String: [Agency.Unit]] = [:]
        for row in try await db.raw(
            """
            SELECT u.agency_oid, u.code, u.name_zh, u.name_en
            FROM agency_units u JOIN agencies a ON a.oid = u.agency_oid\(filter) ORDER BY u.code
            """
        ).all() {
            let unit = Agency.Unit(
                code: try row.string("code"), nameZh: try row.string("name_zh"),
                nameEn: try row.optionalString("name_en")
            )
            units[try row.string("agency_oid"), default: []].append(unit)
        }
        return try rows.map { row in
            let oid = try row.string("oid")
            let history: LevelHistory
            do {
                history = try LevelHistory(levels[oid] ?? [])
            } catch {
                throw StoreError(.corrupt, "levels of \(oid): \(error)")
            }
            return Agency(
                id: try row.agency("oid"), nameZh: try row.string("name_zh"), nameEn: try row.optionalString("name_en"),
                tier: try row.enumeration("tier", as: Agency.Tier.self),
                kind: try row.enumeration("kind", as: Agency.Kind.self),
                localGovernment: try row.optionalEnumeration("local_government", as: LocalGovernment.self),
                supervisor: try row.optionalAgency("supervisor_oid").map(Supervisor.agency) ?? .nation,
                levels: history, units: units[oid] ?? [], hasMailServer: try row.bool("has_mail_server"),
                governs: try row.optionalEnumeration("governs", as: LocalGovernment.self)
            )
        }
    }
}

extension SQLRow {
    func optionalEnumeration<E: RawRepresentable>(_ column: String, as type: E.Type) throws -> E?
    where E.RawValue == String {
        try decodeNil(column: column) ? nil : enumeration(column, as: type)
    }
}
