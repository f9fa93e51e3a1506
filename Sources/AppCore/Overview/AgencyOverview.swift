import Governance
import Identification
import VulnModel

/// What an agency's dashboard shows: its latest processed inventory and the CVEs still present in it, most urgent
/// first (KEV, then high-risk, then score — R16), each with the facts an agency acts on.
public struct AgencyOverview: Sendable {
    public var agency: Agency
    /// The newest upload of any state (a failed or pending one is shown as such).
    public var latestUpload: Upload?
    /// The newest committed snapshot: what "open" is measured against.
    public var snapshot: InventorySnapshot?
    /// CVEs seen in the latest snapshot's month, by priority.
    public var open: [CVEExposure]

    /// Open CVEs per severity; `nil` counts CVEs without a CVSS score.
    public var countsBySeverity: [CVSSSeverity?: Int] {
        open.reduce(into: [:]) { counts, exposure in counts[exposure.assessment.risk?.severity, default: 0] += 1 }
    }

    public var knownExploited: [CVEExposure] { open.filter { $0.assessment.kev != nil } }
    public var highRisk: [CVEExposure] { open.filter { $0.assessment.risk?.highRisk == true } }
}

/// One CVE in one agency: the assessment shared by its findings and the hosts it was found on.
public struct CVEExposure: Sendable {
    public var assessment: CVEAssessment
    public var findings: [StoredFinding]

    public var cve: CVEID { assessment.cve }
    /// Links an agency can act on (patch, vendor advisory, mitigation); the NVD page when there are none (R17).
    public var remediationLinks: [Reference] {
        let links = assessment.references.filter(\.isRemediation)
        return links.isEmpty ? [Reference.nvdPage(for: assessment.cve)] : links
    }
    public var firstSeen: ReportingMonth? { findings.map(\.firstSeen.month).min() }
}

/// An upload with the conversion report of the snapshot it became, for the upload history.
public struct UploadSummary: Sendable {
    public var upload: Upload
    public var report: ConversionReport?
}

/// One agency's line on a supervisor's list.
public struct AgencyStanding: Sendable {
    public var agency: Agency
    public var lastUpload: Upload?
    public var openHighRisk: Int
    public var openKnownExploited: Int
}
