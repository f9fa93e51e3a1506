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
    /// Remediation records past their deadline (R20); nil where remediation is not tracked.
    public var overdueRemediation: Int?

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

/// One agency's line on a supervisor's list (R24): onboarding, uploads per month, open high-risk and KEV counts,
/// how long findings stayed before they stopped being seen, and prohibited-software hits by category.
public struct AgencyStanding: Sendable {
    public var agency: Agency
    public var lastUpload: Upload?
    public var openHighRisk: Int
    public var openKnownExploited: Int
    /// Months of the window with a completed upload.
    public var uploadedMonths: Set<ReportingMonth> = []
    /// Per month of the window: distinct high-risk CVEs seen in the agency that month.
    public var highRiskByMonth: [ReportingMonth: Int] = [:]
    /// Findings (host × CVE) no longer seen in the latest snapshot, and the mean number of months from first seen
    /// to the first upload without them: remediation as verified by uploads (R21), not as declared.
    public var resolvedFindings = 0
    public var meanMonthsToResolve: Double?
    /// From the latest snapshot's conversion report.
    public var prohibitedByCategory: [ProhibitedCategory: Int] = [:]
    /// The remediation records' figures on the day asked (overdue count and ages, time to remediate); nil where the
    /// service tracks no records.
    public var remediation: AgencyFigures?
    /// Prohibited-software removal tasks still open (R28); nil when the service does not track them.
    public var openRemovalTasks: Int?

    public init(agency: Agency, lastUpload: Upload?, openHighRisk: Int, openKnownExploited: Int) {
        self.agency = agency
        self.lastUpload = lastUpload
        self.openHighRisk = openHighRisk
        self.openKnownExploited = openKnownExploited
    }

    /// Whether the agency has sent anything yet.
    public var isOnboarded: Bool { lastUpload != nil }
}

/// The sum over a county or region group's agencies.
public struct GroupStanding: Sendable {
    public var members: [AgencyStanding]

    public init(members: [AgencyStanding]) { self.members = members }

    public var onboarded: Int { members.filter(\.isOnboarded).count }
    public var openHighRisk: Int { members.reduce(0) { $0 + $1.openHighRisk } }
    public var openKnownExploited: Int { members.reduce(0) { $0 + $1.openKnownExploited } }
    public var prohibited: Int { members.reduce(0) { $0 + $1.prohibitedByCategory.values.reduce(0, +) } }
    public var overdue: Int { members.reduce(0) { $0 + ($1.remediation?.overdue ?? 0) } }

    /// Members with a completed upload for `month`.
    public func uploaded(in month: ReportingMonth) -> Int { members.filter { $0.uploadedMonths.contains(month) }.count }
}
