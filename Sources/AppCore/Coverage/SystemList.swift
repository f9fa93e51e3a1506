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

extension InfoSystem.ID {
    /// Systems are numbered by their agency (`SYS-01` may exist in every agency), so the national id is
    /// `OID#code`.
    public init(agency: Agency.ID, code: String) { self.init("\(agency.rawValue)#\(code)") }

    /// The agency and code of an `OID#code` id; nil when the id has no `#` or no code.
    public var parts: (agency: Agency.ID, code: String)? {
        guard let mark = rawValue.firstIndex(of: "#") else { return nil }
        let code = String(rawValue[rawValue.index(after: mark)...])
        guard !code.isEmpty, let agency = try? Agency.ID(String(rawValue[..<mark])) else { return nil }
        return (agency, code)
    }
}
