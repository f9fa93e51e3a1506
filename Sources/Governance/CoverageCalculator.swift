import VulnModel

/// Computes host and system coverage (R29, R30). A host is covered at day D when it appeared in a VANS upload (or
/// was seen by EDR) in D's month or one of the `lookbackMonths` before it, never after D. A system is covered only
/// when every one of its hosts is; a system with no hosts is not covered, since nothing shows it is. The latest
/// attestation made on or before D overrides the host rule.
public struct CoverageCalculator: Sendable {
    public var evidence: CoverageEvidence
    /// How many months before D's month still count (DOMAIN.md §5.3: "or the previous month", so 1).
    public var lookbackMonths: Int

    public init(evidence: CoverageEvidence, lookbackMonths: Int = 1) {
        self.evidence = evidence
        self.lookbackMonths = lookbackMonths
    }

    public func isCovered(_ host: HostRef, by mechanism: CoverageMechanism, on day: Day) -> Bool {
        let month = ReportingMonth(containing: day)
        let earliest = month.adding(months: -lookbackMonths)
        switch mechanism {
        case .vans:
            // An upload for D's own month counts even if filed after D: the month is the period reported on.
            return evidence.vansMonths[host]?.contains { $0 >= earliest && $0 <= month } ?? false
        case .edr:
            return evidence.edrSeen[host]?.contains { $0 >= earliest.firstDay && $0 <= day } ?? false
        }
    }

    public func status(of system: InfoSystem, by mechanism: CoverageMechanism, on day: Day) -> SystemCoverage {
        let attestation = evidence.attestations[system.id]?
            .filter { $0.mechanism == mechanism && $0.attestedOn <= day }
            .max { $0.attestedOn < $1.attestedOn }
        let uncovered = system.hosts.filter { !isCovered($0, by: mechanism, on: day) }
        let covered: Bool
        if let attestation {
            covered = attestation.covered
        } else {
            covered = !system.hosts.isEmpty && uncovered.isEmpty
        }
        return SystemCoverage(
            system: system.id, mechanism: mechanism, covered: covered, uncoveredHosts: uncovered.sorted(),
            hostCount: system.hosts.count, attestation: attestation)
    }

    /// The share of systems in `filter` not covered by `mechanism` (R29: "core systems without VANS").
    public func report(
        systems: [InfoSystem],
        agencies: AgencyDirectory,
        mechanism: CoverageMechanism,
        filter: CoverageFilter
    ) -> CoverageReport {
        var statuses: [SystemCoverage] = []
        for system in systems {
            guard let agency = agencies[system.agency], filter.includes(system, of: agency) else { continue }
            statuses.append(status(of: system, by: mechanism, on: filter.asOf))
        }
        statuses.sort { $0.system < $1.system }
        return CoverageReport(mechanism: mechanism, asOf: filter.asOf, systems: statuses)
    }
}

/// One system's coverage on a day, with the hosts that keep it uncovered.
public struct SystemCoverage: Hashable, Sendable {
    public var system: InfoSystem.ID
    public var mechanism: CoverageMechanism
    public var covered: Bool
    public var uncoveredHosts: [HostRef]
    public var hostCount: Int
    public var attestation: SystemAttestation?
}

public struct CoverageReport: Hashable, Sendable {
    public var mechanism: CoverageMechanism
    public var asOf: Day
    public var systems: [SystemCoverage]

    public var total: Int { systems.count }
    public var uncovered: [SystemCoverage] { systems.filter { !$0.covered } }
    /// "Without VANS/EDR" share, e.g. 218 of 1,405 → 15.52%.
    public var uncoveredShare: Percentage { Percentage(count: uncovered.count, total: total) }
}
