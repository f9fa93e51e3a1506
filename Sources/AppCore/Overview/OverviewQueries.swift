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
    /// The agency's overdue remediation records now, for the dashboard's count; nil where none are tracked.
    public let overdue: (@Sendable (Agency.ID) async throws -> Int)?

    public init(
        agencies: any AgencyStore, uploads: any UploadStore, findings: any FindingStore,
        assessments: @escaping @Sendable () async throws -> any AssessmentSource, policy: RiskPolicy = RiskPolicy(),
        overdue: (@Sendable (Agency.ID) async throws -> Int)? = nil
    ) {
        self.overdue = overdue
        self.agencies = agencies
        self.uploads = uploads
        self.findings = findings
        self.assessments = assessments
        self.policy = policy
    }

    public func overview(of id: Agency.ID) async throws -> AgencyOverview {
        var overview = try await latestOverview(of: id)
        overview.overdueRemediation = try await overdue?(id)
        return overview
    }

    func latestOverview(of id: Agency.ID) async throws -> AgencyOverview {
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

    /// The supervisor's list for `ids` (the agencies the caller may see), by OID, over the `months` window.
    public func standings(of ids: [Agency.ID], months: [ReportingMonth] = []) async throws -> [AgencyStanding] {
        var rows: [AgencyStanding] = []
        for id in ids.sorted() {
            rows.append(try await standing(of: id, months: months))
        }
        return rows
    }

    func standing(of id: Agency.ID, months: [ReportingMonth]) async throws -> AgencyStanding {
        let agency = try await agencies.agency(id)
        let history = try await uploads.uploads(agency: id, month: nil)
        var standing = AgencyStanding(agency: agency, lastUpload: history.first, openHighRisk: 0, openKnownExploited: 0)
        let completed = history.filter { $0.status == .completed }.map(\.month)
        standing.uploadedMonths = Set(completed).intersection(months)
        guard let latest = completed.max(), let snapshot = try await uploads.snapshot(agency: id, month: latest)
        else { return standing }
        standing.prohibitedByCategory = snapshot.report.prohibitedByCategory
        let all = try await findings.findings(agency: id, host: nil)
        let open = all.filter { $0.lastSeen.month == latest }
        standing.openHighRisk = Set(open.filter(\.observation.highRisk).map(\.observation.cve)).count
        standing.openKnownExploited = Set(open.filter(\.observation.knownExploited).map(\.observation.cve)).count
        for month in months {
            let seen = all.filter {
                $0.observation.highRisk && $0.firstSeen.month <= month && month <= $0.lastSeen.month
            }
            standing.highRiskByMonth[month] = Set(seen.map(\.observation.cve)).count
        }
        // Gone: last seen before the latest snapshot; resolved by the first completed upload after its last sighting.
        var durations: [Int] = []
        for finding in all where finding.lastSeen.month < latest {
            guard let gone = completed.filter({ $0 > finding.lastSeen.month }).min() else { continue }
            durations.append(finding.firstSeen.month.monthsUntil(gone))
        }
        standing.resolvedFindings = durations.count
        standing.meanMonthsToResolve =
            durations.isEmpty ? nil : Double(durations.reduce(0, +)) / Double(durations.count)
        return standing
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
