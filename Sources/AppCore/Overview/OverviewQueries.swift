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
    /// Every agency's remediation figures for the supervisor's list; nil where none are tracked.
    public let remediation: (any RemediationFigures)?
    /// Open prohibited-software removal tasks per agency, for the supervisor's list; nil where none are tracked.
    public let openRemovalTasks: (@Sendable () async throws -> [Agency.ID: Int])?

    public init(
        agencies: any AgencyStore, uploads: any UploadStore, findings: any FindingStore,
        assessments: @escaping @Sendable () async throws -> any AssessmentSource, policy: RiskPolicy = RiskPolicy(),
        overdue: (@Sendable (Agency.ID) async throws -> Int)? = nil, remediation: (any RemediationFigures)? = nil,
        openRemovalTasks: (@Sendable () async throws -> [Agency.ID: Int])? = nil
    ) {
        self.overdue = overdue
        self.remediation = remediation
        self.openRemovalTasks = openRemovalTasks
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

    /// The supervisor's list for `visible` (the directory's agencies the caller may see), by OID, over the `months`
    /// window, with overdue records counted on `today`. The finding counts come from the store's grouped queries for
    /// all of them at once (`FindingFigures`), and so do the remediation figures.
    public func standings(of visible: [Agency], months: [ReportingMonth] = [], on today: Day) async throws
        -> [AgencyStanding]
    {
        let ids = visible.map(\.id)
        var rows: [AgencyStanding] = []
        var completedMonths: [Agency.ID: [ReportingMonth]] = [:]
        var latest: [Agency.ID: ReportingMonth] = [:]
        // Two queries for all agencies, not two per agency (the supervisor list must not grow with round trips).
        let histories = try await uploads.uploads(agencies: ids)
        var snapshots: [Agency.ID: InventorySnapshot] = [:]
        for snapshot in try await uploads.latestSnapshots() { snapshots[snapshot.agency] = snapshot }
        for agency in visible.sorted(by: { $0.id < $1.id }) {
            let id = agency.id
            let history = histories[id] ?? []
            var standing = AgencyStanding(
                agency: agency, lastUpload: history.first, openHighRisk: 0, openKnownExploited: 0)
            let completed = history.filter { $0.status == .completed }.map(\.month)
            standing.uploadedMonths = Set(completed).intersection(months)
            if let month = completed.max(), let snapshot = snapshots[id], snapshot.month == month {
                standing.prohibitedByCategory = snapshot.report.prohibitedByCategory
                latest[id] = month
                completedMonths[id] = completed
                for month in months { standing.highRiskByMonth[month] = 0 }
            }
            rows.append(standing)
        }
        let figures = try await findings.figures(latest: latest, months: months)
        if let remediation {
            let current = ReportingMonth(containing: today)
            var tracked: [Agency.ID: AgencyFigures] = [:]
            for figures in try await remediation.figures(
                on: today, months: (months.min() ?? current)...(months.max() ?? current))
            {
                tracked[figures.agency] = figures
            }
            for index in rows.indices {
                let id = rows[index].agency.id
                rows[index].remediation = tracked[id] ?? AgencyFigures(agency: id)
            }
        }
        let openTasks = try await openRemovalTasks?()
        for index in rows.indices {
            let id = rows[index].agency.id
            rows[index].openRemovalTasks = openTasks.map { $0[id] ?? 0 }
            guard let counted = figures[id] else { continue }
            rows[index].openHighRisk = counted.openHighRisk
            rows[index].openKnownExploited = counted.openKnownExploited
            rows[index].highRiskByMonth.merge(counted.highRiskByMonth) { $1 }
            // Gone: last seen before the latest snapshot; resolved by the first completed upload after its last
            // sighting.
            var resolved = 0
            var months = 0
            for (span, count) in counted.gone {
                guard let gone = completedMonths[id]?.filter({ $0 > span.last }).min() else { continue }
                resolved += count
                months += count * span.first.monthsUntil(gone)
            }
            rows[index].resolvedFindings = resolved
            rows[index].meanMonthsToResolve = resolved == 0 ? nil : Double(months) / Double(resolved)
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
