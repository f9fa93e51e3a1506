import VulnModel

/// What protects a host or system: VANS uploads or EDR (DOMAIN.md §5.3).
public enum CoverageMechanism: String, Hashable, Sendable, CaseIterable {
    case vans
    case edr
}

/// The facts coverage is computed from: which months each host appeared in a VANS upload, the days its EDR agent
/// was seen, and manual system-level attestations (R30). Dated, so coverage can be asked for any past day.
public struct CoverageEvidence: Sendable {
    public var vansMonths: [HostRef: Set<ReportingMonth>]
    public var edrSeen: [HostRef: [Day]]
    public var attestations: [InfoSystem.ID: [SystemAttestation]]

    public init(
        vansMonths: [HostRef: Set<ReportingMonth>] = [:],
        edrSeen: [HostRef: [Day]] = [:],
        attestations: [SystemAttestation] = []
    ) {
        self.vansMonths = vansMonths
        self.edrSeen = edrSeen
        self.attestations = Dictionary(grouping: attestations, by: \.system)
    }

    public mutating func recordUpload(_ host: HostRef, month: ReportingMonth) {
        vansMonths[host, default: []].insert(month)
    }

    public mutating func recordEDRSighting(_ host: HostRef, on day: Day) { edrSeen[host, default: []].append(day) }

    public mutating func attest(_ attestation: SystemAttestation) {
        attestations[attestation.system, default: []].append(attestation)
    }
}

/// A manual statement that a system is (or is not) covered, with the evidence for it; it overrides the host rule
/// from the day it is made.
public struct SystemAttestation: Hashable, Sendable {
    public var system: InfoSystem.ID
    public var mechanism: CoverageMechanism
    public var covered: Bool
    public var attestedOn: Day
    public var attestedBy: String
    public var evidence: String

    public init(
        system: InfoSystem.ID,
        mechanism: CoverageMechanism,
        covered: Bool,
        attestedOn: Day,
        attestedBy: String,
        evidence: String
    ) {
        self.system = system
        self.mechanism = mechanism
        self.covered = covered
        self.attestedOn = attestedOn
        self.attestedBy = attestedBy
        self.evidence = evidence
    }
}
