import Governance
import VulnModel

/// Information systems, their hosts, the evidence that hosts are covered, system attestations and zero-trust
/// deployments (R29–R32).
public protocol CoverageStore: Sendable {
    /// Makes `list` the agency's systems and hosts in one transaction: systems missing from it are removed (with
    /// their attestations and deployments), the others replaced; the evidence is added to what is stored.
    /// `invalidReference` when the agency is unknown.
    func replaceSystems(_ list: SystemList) async throws(StoreError)

    /// Stored systems with their hosts, of the given agencies or all, in id order.
    func systems(agencies: Set<Agency.ID>?) async throws(StoreError) -> [InfoSystem]

    /// Every recorded host fact and attestation made on or before `day`.
    func evidence(through day: Day) async throws(StoreError) -> CoverageEvidence

    /// Records attestations in one transaction (one already stored for the same system, mechanism and day is
    /// replaced); `invalidReference` when a system is unknown, and then none is recorded.
    func attest(_ attestations: [SystemAttestation]) async throws(StoreError)

    /// Sets (inserts or replaces) the system's deployment; `invalidReference` when the system is unknown.
    func setZeroTrust(_ deployment: ZeroTrustDeployment) async throws(StoreError)

    /// Deployments of the given agencies or all, in system order.
    func zeroTrust(agencies: Set<Agency.ID>?) async throws(StoreError) -> [ZeroTrustDeployment]
}
