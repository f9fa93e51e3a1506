import Governance
import Identification
import VulnModel

/// Read-only views for the pages, built from the stores and the knowledge base's assessments. Scoping (which
/// agencies a caller may see) is decided before these are called; every query here names its agency.
public struct OverviewQueries: Sendable {
    public let agencies: any AgencyStore
    public let uploads: any UploadStore
    public let findings: any FindingStore
    /// The knowledge base in use now (it is replaced when feeds change).
    public let assessments: @Sendable () async throws -> any AssessmentSource
    public let policy: RiskPolicy

    public init(
        agencies: any AgencyStore, uploads: any UploadStore, findings: any FindingStore,
        assessments: @escaping @Sendable () async throws -> any AssessmentSource, policy: RiskPolicy = RiskPolicy()
    ) {
        self.agencies = agencies
        self.uploads = uploads
        self.findings = findings
        self.assessments = assessments
        self.policy = policy
    }

    public func overview(of id: Agency.ID) async throws -> AgencyOverview {
        let agency = try await agencies.agency(id)
        let history = try await uploads.uploads(agency: id, month: nil)
        let snapshot = try await latestSnapshot(agency: id, history: history)
        guard let snapshot else {
            return AgencyOverview(agency: agency, latestUpload: history.first, snapshot: nil, open: [])
        }
        let present = try await findings.findings(agency: id, host: nil).filter { $0.lastSeen.month == snapshot.month }
        let source = try await assessments()
        let open = Dictionary(grouping: present, by: \.observation.cve).map { cve, found in
            CVEExposure(assessment: source.assessment(of: cve, policy: policy), findings: found)
        }
        return AgencyOverview(
            agency: agency, latestUpload: history.first, snapshot: snapshot, open: open.sorted(by: Self.urgentFirst))
    }

    /// The CVE's findings in the agency, present or past; nil when the agency never had it.
    public func exposure(to cve: CVEID, in id: Agency.ID) async throws -> CVEExposure? {
        let found = try await findings.findings(agency: id, host: nil).filter { $0.observation.cve == cve }
        guard !found.isEmpty else { return nil }
        return CVEExposure(assessment: try await assessments().assessment(of: cve, policy: policy), findings: found)
    }

    public func history(of id: Agency.ID) async throws -> [UploadSummary] {
        var summaries: [UploadSummary] = []
        for upload in try await uploads.uploads(agency: id, month: nil) {
            var report: ConversionReport?
            if upload.status == .completed, let snapshot = try await uploads.snapshot(agency: id, month: upload.month),
                snapshot.upload == upload.id
            {
                report = snapshot.report
            }
            summaries.append(UploadSummary(upload: upload, report: report))
        }
        return summaries
    }

    /// The supervisor's list for `ids` (the agencies the caller may see), by OID.
    public func standings(of ids: [Agency.ID]) async throws -> [AgencyStanding] {
        var rows: [AgencyStanding] = []
        for id in ids.sorted() {
            let overview = try await overview(of: id)
            rows.append(
                AgencyStanding(
                    agency: overview.agency, lastUpload: overview.latestUpload,
                    openHighRisk: overview.highRisk.count, openKnownExploited: overview.knownExploited.count))
        }
        return rows
    }

    private func latestSnapshot(agency: Agency.ID, history: [Upload]) async throws -> InventorySnapshot? {
        guard let month = history.filter({ $0.status == .completed }).map(\.month).max() else { return nil }
        return try await uploads.snapshot(agency: agency, month: month)
    }

    static func urgentFirst(_ lhs: CVEExposure, _ rhs: CVEExposure) -> Bool {
        let (left, right) = (lhs.assessment.priority, rhs.assessment.priority)
        if left != right { return left > right }
        return lhs.cve.description < rhs.cve.description
    }
}
