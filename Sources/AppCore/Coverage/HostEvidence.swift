import Governance
import VulnModel

/// A recorded fact that a host was reported to VANS (its month counts) or seen by EDR (its day counts), with what
/// established it: the agency's declaration, an EDR console export, an auditor's note (R30).
public struct HostEvidence: Hashable, Sendable {
    public var host: HostRef
    public var mechanism: CoverageMechanism
    public var observedOn: Day
    public var evidence: String

    public init(host: HostRef, mechanism: CoverageMechanism, observedOn: Day, evidence: String) {
        self.host = host
        self.mechanism = mechanism
        self.observedOn = observedOn
        self.evidence = evidence
    }
}
