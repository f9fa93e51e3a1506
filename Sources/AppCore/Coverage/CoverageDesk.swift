import Governance
import VulnModel

/// Coverage, systems and zero-trust adoption over stored data (R29–R32): imports an agency's system list and
/// computes the figures for any filter with the L0 calculator.
public struct CoverageDesk: Sendable {
    public let agencies: any AgencyStore
    public let store: any CoverageStore
    public let uploads: any UploadedHosts
    public let lookbackMonths: Int

    public init(
        agencies: any AgencyStore, store: any CoverageStore, uploads: any UploadedHosts, lookbackMonths: Int = 1
    ) {
        self.agencies = agencies
        self.store = store
        self.uploads = uploads
        self.lookbackMonths = lookbackMonths
    }

    /// Stores an agency's system list; `notFound` when the agency is not in the directory.
    public func importSystems(_ list: SystemList) async throws(StoreError) {
        _ = try await agencies.agency(list.agency)
        try await store.replaceSystems(list)
    }

    /// The evidence as of `day`: recorded host facts and attestations, plus every host named by the latest
    /// completed snapshot of each agency's months in the look-back window.
    public func evidence(on day: Day) async throws(StoreError) -> CoverageEvidence {
        var evidence = try await store.evidence(through: day)
        let month = ReportingMonth(containing: day)
        let uploaded = try await uploads.uploadedHosts(from: month.adding(months: -lookbackMonths), through: month)
        for (host, months) in uploaded {
            for month in months { evidence.recordUpload(host, month: month) }
        }
        return evidence
    }

    /// Both mechanisms' reports for `filter`, with what a page or export needs to name the systems.
    public func overview(_ filter: CoverageFilter) async throws(StoreError) -> CoverageOverview {
        let directory = try await agencies.directory()
        let included = Set(directory.all.filter(filter.includes).map(\.id))
        let systems = try await store.systems(agencies: included)
        let calculator = CoverageCalculator(
            evidence: try await evidence(on: filter.asOf), lookbackMonths: lookbackMonths)
        let deployments = try await store.zeroTrust(agencies: included)
        let inScope = systems.filter { system in
            directory[system.agency].map { filter.includes(system, of: $0) } ?? false
        }
        return CoverageOverview(
            filter: filter, directory: directory,
            systems: Dictionary(systems.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            vans: calculator.report(systems: systems, agencies: directory, mechanism: .vans, filter: filter),
            edr: calculator.report(systems: systems, agencies: directory, mechanism: .edr, filter: filter),
            zeroTrust: ZeroTrustReport(systems: inScope, deployments: deployments),
            deployments: deployments)
    }

    /// Agencies per tier and level on `day` (R31), public agencies (administrative corporations included) only.
    public func agencyCounts(on day: Day) async throws(StoreError) -> [Agency.Tier: [SecurityLevel: Int]] {
        try await agencies.directory().countByTierAndLevel(on: day) { $0.kind.isPublicAgency }
    }

    public func attest(_ attestation: SystemAttestation) async throws(StoreError) {
        try await store.attest([attestation])
    }

    /// Records a file's attestations in one transaction, after checking that every system is stored: an unknown
    /// one refuses the whole file with its row named (`CSVTableError`); storage failures are `StoreError`s.
    public func attest(_ rows: [AttestationRow]) async throws {
        let agencies = Set(rows.compactMap { $0.attestation.system.parts?.agency })
        let known = Set(try await store.systems(agencies: agencies).map(\.id))
        for row in rows where !known.contains(row.attestation.system) {
            let code = row.attestation.system.parts?.code ?? row.attestation.system.rawValue
            let agency = row.attestation.system.parts.map { "\($0.agency)" } ?? "?"
            throw CSVTableError(line: row.line, column: "system_code", reason: "agency \(agency) has no system \(code)")
        }
        try await store.attest(rows.map(\.attestation))
    }

    public func setZeroTrust(_ deployment: ZeroTrustDeployment) async throws(StoreError) {
        try await store.setZeroTrust(deployment)
    }

    public func zeroTrust(agencies: Set<Agency.ID>?) async throws(StoreError) -> [ZeroTrustDeployment] {
        try await store.zeroTrust(agencies: agencies)
    }
}

/// One filter's coverage figures: VANS and EDR reports, the zero-trust picture, and the systems and agencies
/// they name.
public struct CoverageOverview: Sendable {
    public var filter: CoverageFilter
    public var directory: AgencyDirectory
    public var systems: [InfoSystem.ID: InfoSystem]
    public var vans: CoverageReport
    public var edr: CoverageReport
    public var zeroTrust: ZeroTrustReport
    public var deployments: [ZeroTrustDeployment]

    public func report(_ mechanism: CoverageMechanism) -> CoverageReport { mechanism == .vans ? vans : edr }
}
