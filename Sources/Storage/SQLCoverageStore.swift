import AppCore
import Governance
import SQLKit
import VulnModel

/// `CoverageStore` over SQL: `info_systems`, `hosts`, `system_hosts`, `host_coverage`, `system_attestations` and
/// `zero_trust_deployments` (migration 11, ADR 0020).
public struct SQLCoverageStore: CoverageStore {
    let backend: Backend

    public init(backend: Backend) { self.backend = backend }

    public func replaceSystems(_ list: SystemList) async throws(StoreError) {
        let oid = list.agency.rawValue
        let codes = try list.systems.map { system throws(StoreError) in
            try Self.code(of: system.id, agency: list.agency)
        }
        try await backend.storeTransaction("saving the \(list.systems.count) systems of \(list.agency)") { db in
            try await db.raw("DELETE FROM system_hosts WHERE agency_oid = \(bind: oid)").run()
            let existing = try await db.raw("SELECT code FROM info_systems WHERE agency_oid = \(bind: oid)").all()
            let kept = Set(codes)
            for row in existing where !kept.contains(try row.string("code")) {
                let code = try row.string("code")
                try await db.raw("DELETE FROM info_systems WHERE agency_oid = \(bind: oid) AND code = \(bind: code)")
                    .run()
            }
            try await Self.insert(
                db, "INSERT INTO hosts (agency_oid, host, kind, hostname, owner_unit) VALUES ",
                list.hosts.map { [oid, $0.ref.host.rawValue, $0.kind.rawValue, $0.hostname, $0.ownerUnit] },
                """
                 ON CONFLICT (agency_oid, host) DO UPDATE SET kind = excluded.kind, hostname = excluded.hostname,
                    owner_unit = excluded.owner_unit
                """)
            try await Self.insert(
                db, "INSERT INTO info_systems (agency_oid, code, name, is_core, external_facing, development) VALUES ",
                zip(list.systems, codes).map { system, code in
                    [oid, code, system.name, system.isCore, system.externalFacing, system.development?.rawValue]
                },
                """
                 ON CONFLICT (agency_oid, code) DO UPDATE SET name = excluded.name, is_core = excluded.is_core,
                    external_facing = excluded.external_facing, development = excluded.development
                """)
            try await Self.insert(
                db, "INSERT INTO system_hosts (agency_oid, code, host) VALUES ",
                zip(list.systems, codes).flatMap { system, code in
                    Set(system.hosts.map(\.host.rawValue)).sorted().map { [oid, code, $0] }
                }, "")
            try await Self.insert(
                db, "INSERT INTO host_coverage (agency_oid, host, mechanism, observed_on, evidence) VALUES ",
                list.evidence.map {
                    [oid, $0.host.host.rawValue, $0.mechanism.rawValue, $0.observedOn.description, $0.evidence]
                },
                " ON CONFLICT (agency_oid, host, mechanism, observed_on) DO UPDATE SET evidence = excluded.evidence")
        }
    }

    public func systems(agencies: Set<Agency.ID>?) async throws(StoreError) -> [InfoSystem] {
        try await backend.run("reading information systems") {
            let db = backend.database
            let rows = try await db.raw(
                "SELECT * FROM info_systems ORDER BY agency_oid, code"
            ).all()
            var hosts: [String: [HostRef]] = [:]
            for row in try await db.raw("SELECT agency_oid, code, host FROM system_hosts ORDER BY host").all() {
                let agency = try row.agency("agency_oid")
                hosts[agency.rawValue + "#" + (try row.string("code")), default: []].append(
                    HostRef(agency: agency, host: HostID(try row.string("host"))))
            }
            var systems: [InfoSystem] = []
            for row in rows {
                let agency = try row.agency("agency_oid")
                if let agencies, !agencies.contains(agency) { continue }
                let id = InfoSystem.ID(agency: agency, code: try row.string("code"))
                systems.append(
                    InfoSystem(
                        id: id, agency: agency, name: try row.string("name"), isCore: try row.bool("is_core"),
                        externalFacing: try row.bool("external_facing"),
                        development: try row.optionalEnumeration("development", as: InfoSystem.Development.self),
                        hosts: hosts[id.rawValue] ?? []))
            }
            return systems.sorted { $0.id < $1.id }
        }
    }

    public func evidence(through day: Day) async throws(StoreError) -> CoverageEvidence {
        try await backend.run("reading coverage evidence through \(day)") {
            let db = backend.database
            var evidence = CoverageEvidence()
            for row in try await db.raw(
                """
                SELECT agency_oid, host, mechanism, observed_on FROM host_coverage
                WHERE observed_on <= \(bind: ReportingMonth(containing: day).lastDay.description)
                """
            ).all() {
                let host = HostRef(agency: try row.agency("agency_oid"), host: HostID(try row.string("host")))
                let observed = try row.day("observed_on")
                switch try row.enumeration("mechanism", as: CoverageMechanism.self) {
                // A report names its month, which counts even when the report was filed after `day` (the rule of
                // `CoverageCalculator`), so VANS facts are read through the end of the month.
                case .vans: evidence.recordUpload(host, month: ReportingMonth(containing: observed))
                case .edr where observed <= day: evidence.recordEDRSighting(host, on: observed)
                case .edr: break
                }
            }
            for row in try await db.raw(
                "SELECT * FROM system_attestations WHERE attested_on <= \(bind: day.description)"
            ).all() {
                evidence.attest(
                    SystemAttestation(
                        system: InfoSystem.ID(agency: try row.agency("agency_oid"), code: try row.string("code")),
                        mechanism: try row.enumeration("mechanism", as: CoverageMechanism.self),
                        covered: try row.bool("covered"), attestedOn: try row.day("attested_on"),
                        attestedBy: try row.string("attested_by"), evidence: try row.string("evidence")))
            }
            return evidence
        }
    }

    public func attest(_ attestations: [SystemAttestation]) async throws(StoreError) {
        let rows = try attestations.map { attestation throws(StoreError) -> [any Encodable & Sendable] in
            let (agency, code) = try Self.parts(of: attestation.system)
            return [
                agency.rawValue, code, attestation.mechanism.rawValue, attestation.attestedOn.description,
                attestation.covered, attestation.attestedBy, attestation.evidence,
            ]
        }
        try await backend.storeTransaction("recording \(attestations.count) attestations") { db in
            try await Self.insert(
                db,
                "INSERT INTO system_attestations (agency_oid, code, mechanism, attested_on, covered, attested_by, "
                    + "evidence) VALUES ", rows,
                """
                 ON CONFLICT (agency_oid, code, mechanism, attested_on) DO UPDATE SET covered = excluded.covered,
                    attested_by = excluded.attested_by, evidence = excluded.evidence
                """)
        }
    }

    public func setZeroTrust(_ deployment: ZeroTrustDeployment) async throws(StoreError) {
        let (agency, code) = try Self.parts(of: deployment.system)
        try await backend.run("recording the zero-trust deployment of \(deployment.system)") {
            try await backend.database.raw(
                """
                INSERT INTO zero_trust_deployments (agency_oid, code, phase, status, user_scope,
                    parallel_legacy_access, started_on)
                VALUES (\(bind: agency.rawValue), \(bind: code), \(bind: Int64(deployment.phase.rawValue)),
                    \(bind: deployment.status.rawValue), \(bind: deployment.userScope.rawValue),
                    \(bind: deployment.parallelLegacyAccess), \(bind: deployment.startedOn?.description))
                ON CONFLICT (agency_oid, code) DO UPDATE SET phase = excluded.phase, status = excluded.status,
                    user_scope = excluded.user_scope, parallel_legacy_access = excluded.parallel_legacy_access,
                    started_on = excluded.started_on
                """
            ).run()
        }
    }

    public func zeroTrust(agencies: Set<Agency.ID>?) async throws(StoreError) -> [ZeroTrustDeployment] {
        try await backend.run("reading zero-trust deployments") {
            var deployments: [ZeroTrustDeployment] = []
            for row in try await backend.database.raw(
                "SELECT * FROM zero_trust_deployments ORDER BY agency_oid, code"
            ).all() {
                let agency = try row.agency("agency_oid")
                if let agencies, !agencies.contains(agency) { continue }
                let phaseNumber = try row.int("phase")
                guard let phase = ZeroTrustDeployment.Phase(rawValue: phaseNumber) else {
                    throw StoreError(.corrupt, "phase: \(phaseNumber)")
                }
                deployments.append(
                    ZeroTrustDeployment(
                        system: InfoSystem.ID(agency: agency, code: try row.string("code")), phase: phase,
                        status: try row.enumeration("status", as: ZeroTrustDeployment.Status.self),
                        userScope: try row.enumeration("user_scope", as: ZeroTrustDeployment.UserScope.self),
                        parallelLegacyAccess: try row.bool("parallel_legacy_access"),
                        startedOn: try row.optionalDay("started_on")))
            }
            return deployments.sorted { $0.system < $1.system }
        }
    }

    static func parts(of id: InfoSystem.ID) throws(StoreError) -> (Agency.ID, String) {
        guard let parts = id.parts else { throw StoreError(.notFound, "system \(id) (expected OID#code)") }
        return parts
    }

    static func code(of id: InfoSystem.ID, agency: Agency.ID) throws(StoreError) -> String {
        let (owner, code) = try parts(of: id)
        guard owner == agency else { throw StoreError(.rejected, "system \(id) is not of agency \(agency)") }
        return code
    }

    /// Inserts `rows` a few hundred at a time, each chunk one statement, so a list of thousands of hosts is not
    /// thousands of round trips.
    static func insert(
        _ db: any SQLDatabase, _ prefix: String, _ rows: [[any Encodable & Sendable]], _ suffix: String
    ) async throws {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + 200, rows.count)]
            var query = SQLQueryString(prefix)
            for (offset, row) in chunk.enumerated() {
                query += offset == 0 ? "(\(binds: row))" : ", (\(binds: row))"
            }
            query += SQLQueryString(suffix)
            try await db.raw(query).run()
            start += 200
        }
    }
}
