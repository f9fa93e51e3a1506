import Governance
import VulnModel

/// An agency's declared information systems and hosts, as `vans systems import` reads them: the whole list, so a
/// system missing from it is no longer the agency's. Host evidence is dated history and is only ever added.
public struct SystemList: Hashable, Sendable {
    public var agency: Agency.ID
    public var systems: [InfoSystem]
    public var hosts: [Host]
    public var evidence: [HostEvidence]

    public init(agency: Agency.ID, systems: [InfoSystem], hosts: [Host], evidence: [HostEvidence]) {
        self.agency = agency
        self.systems = systems
        self.hosts = hosts
        self.evidence = evidence
    }
}
