import AppCore
import Governance
import SQLKit
import VulnModel

/// `AgencyStore` over SQL: `agencies` (one row each, supervisor by OID), `agency_levels` (the history) and
/// `agency_units`.
public struct SQLAgencyStore: AgencyStore {
    let backend: Backend

    public init(backend: Backend) { self.backend = backend }

    public func save(_ agencies: [Agency]) async throws(StoreError) {
        try await backend.storeTransaction("saving \(agencies.count) agencies") { db in
            for agency in agencies { try await Self.write(agency, db: db) }
            // The schema checks each supervisor reference; the directory also checks for cycles.
            do {
                _ = try AgencyDirectory(try await Self.load(db: db, where: nil))
            } catch let error as AgencyDirectoryError {
                throw StoreError(.rejected, "agency directory: \(error)")
            }
        }
    }

    public func agency(_ id: Agency.ID) async throws(StoreError) -> Agency {
        let found = try await backend.run("reading agency \(id)") {
            try await Self.load(db: backend.database, where: "a.oid = \(bind: id.rawValue)")
        }
        guard let agency = found.first else { throw StoreError(.notFound, "agency \(id)") }
        return agency
    }

    public func directory() async throws(StoreError) -> AgencyDirectory {
        let all = try await backend.run("reading the agency directory") {
            try await Self.load(db: backend.database, where: nil)
        }
        do {
            return try AgencyDirectory(all)
        } catch {
            throw StoreError(.corrupt, "stored agency directory: \(error)")
        }
    }

    public func subordinates(of id: Agency.ID) async throws(StoreError) -> [Agency] {
        try await backend.run("reading the agencies under \(id)") {
            try await Self.load(db: backend.database, where: "a.supervisor_oid = \(bind: id.rawValue)")
        }
    }

    public func agencies(in group: RegionGroup) async throws(StoreError) -> [Agency] {
        try await backend.run("reading the agencies of region group \(group.rawValue)") {
            try await Self.load(db: backend.database, where: "a.region_group = \(bind: Int64(group.rawValue))")
        }
    }

    public func assignLevel(_ assignment: LevelAssignment, to id: Agency.ID) async throws(StoreError) {
        try await backend.run("assigning level \(assignment.level.rawValue) to \(id)") {
            try await backend.database.raw(
                """
                INSERT INTO agency_levels (agency_oid, effective_day, level, reference)
                VALUES (\(bind: id.rawValue), \(bind: assignment.effective.description),
                    \(bind: assignment.level.rawValue), \(bind: assignment.reference))
                """
            ).run()
        }
    }

    private static func write(_ agency: Agency, db: any SQLDatabase) async throws {
        let oid = agency.id.rawValue
        let supervisor: String?
        switch agency.supervisor {
        case .nation: supervisor = nil
        case .agency(let parent): supervisor = parent.rawValue
        }
        try await db.raw(
            """
            INSERT INTO agencies (oid, name_zh, name_en, tier, kind, local_government, region_group, governs,
                supervisor_oid, has_mail_server)
            VALUES (\(bind: oid), \(bind: agency.nameZh), \(bind: agency.nameEn), \(bind: agency.tier.rawValue),
                \(bind: agency.kind.rawValue), \(bind: agency.localGovernment?.rawValue),
                \(bind: agency.regionGroup.map { Int64($0.rawValue) }), \(bind: agency.governs?.rawValue),
                \(bind: supervisor), \(bind: agency.hasMailServer))
            ON CONFLICT (oid) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
                tier = excluded.tier, kind = excluded.kind, local_government = excluded.local_government,
                region_group = excluded.region_group, governs = excluded.governs,
                supervisor_oid = excluded.supervisor_oid, has_mail_server = excluded.has_mail_server
            """
        ).run()
        try await db.raw("DELETE FROM agency_levels WHERE agency_oid = \(bind: oid)").run()
        for assignment in agency.levels.assignments {
            try await db.raw(
                """
                INSERT INTO agency_levels (agency_oid, effective_day, level, reference)
                VALUES (\(bind: oid), \(bind: assignment.effective.description), \(bind: assignment.level.rawValue),
                    \(bind: assignment.reference))
                """
            ).run()
        }
        try await db.raw("DELETE FROM agency_units WHERE agency_oid = \(bind: oid)").run()
        for unit in agency.units {
            try await db.raw(
                """
                INSERT INTO agency_units (agency_oid, code, name_zh, name_en)
                VALUES (\(bind: oid), \(bind: unit.code), \(bind: unit.nameZh), \(bind: unit.nameEn))
                """
            ).run()
        }
    }
}
