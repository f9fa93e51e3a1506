import Governance
import VulnModel

/// What matching said about one host and CVE in one upload.
public struct FindingObservation: Hashable, Sendable {
    public var host: HostID
    public var cve: CVEID
    public var cpe: String
    public var status: FindingStatus
    public var highRisk: Bool
    public var knownExploited: Bool

    public init(host: HostID, cve: CVEID, cpe: String, status: FindingStatus, highRisk: Bool, knownExploited: Bool) {
        self.host = host
        self.cve = cve
        self.cpe = cpe
        self.status = status
        self.highRisk = highRisk
        self.knownExploited = knownExploited
    }
}

/// A host × CVE finding of one agency across uploads: when it was first and last seen.
public struct StoredFinding: Hashable, Sendable {
    public struct Sighting: Hashable, Sendable {
        public var upload: Upload.ID
        public var month: ReportingMonth
        public init(upload: Upload.ID, month: ReportingMonth) {
            self.upload = upload
            self.month = month
        }
    }

    public var agency: Agency.ID
    /// The latest observation's facts.
    public var observation: FindingObservation
    public var firstSeen: Sighting
    public var lastSeen: Sighting

    public init(agency: Agency.ID, observation: FindingObservation, firstSeen: Sighting, lastSeen: Sighting) {
        self.agency = agency
        self.observation = observation
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}
