import Governance
import Remediation
import VulnModel

/// What an agency acts on (issue 5 §1, R20): its remediation records with the deadline as last saved, how many days
/// each is overdue, and the current knowledge base's facts about the CVE (KEV, EPSS, patch and advisory links).
/// Access is decided before these are called; every query names its agency.
public struct RemediationQueries: Sendable {
    public let store: any RemediationStore
    /// The knowledge base in use now (it is replaced when feeds change).
    public let assessments: @Sendable () async throws -> any AssessmentSource
    public let policy: RiskPolicy

    public init(
        store: any RemediationStore, assessments: @escaping @Sendable () async throws -> any AssessmentSource,
        policy: RiskPolicy = RiskPolicy()
    ) {
        self.store = store
        self.assessments = assessments
        self.policy = policy
    }

    /// The agency's records, overdue first (most days first), then the active ones, then by deadline, then by key. `state` and
    /// `overdueOnly` narrow the list.
    public func records(
        of agency: Agency.ID, state: RemediationState? = nil, overdueOnly: Bool = false, today: Day
    ) async throws -> [RemediationView] {
        let source = try await assessments()
        let views = try await store.records(agency: agency, host: nil)
            .filter { state == nil || $0.record.state == state }
            .map { RemediationView(tracked: $0, source: source, policy: policy, today: today) }
            .filter { !overdueOnly || $0.daysOverdue != nil }
        return views.sorted(by: RemediationView.urgentFirst)
    }

    /// How many of the agency's records are overdue on `today` (the dashboard's count).
    public func overdueCount(of agency: Agency.ID, today: Day) async throws -> Int {
        try await store.records(agency: agency, host: nil).filter { RemediationView.daysOverdue($0, today) != nil }
            .count
    }

    /// One record with its history; `notFound` (a `StoreError`) when there is none.
    public func record(_ key: FindingKey, today: Day) async throws -> RemediationView {
        let tracked = try await store.record(key)
        return RemediationView(tracked: tracked, source: try await assessments(), policy: policy, today: today)
    }
}

/// One record as an agency sees it.
public struct RemediationView: Sendable {
    public var tracked: TrackedRemediation
    public var assessment: CVEAssessment
    /// Days past the deadline on the day asked about; nil when the record is closed, has no deadline or is not late.
    public var daysOverdue: Int?
    /// Versions that fix the CVE for the record's product, where the knowledge base's ranges say so.
    public var fixedVersions: [String]

    public init(tracked: TrackedRemediation, assessment: CVEAssessment, fixedVersions: [String] = [], today: Day) {
        self.tracked = tracked
        self.assessment = assessment
        self.fixedVersions = fixedVersions
        daysOverdue = Self.daysOverdue(tracked, today)
    }

    init(tracked: TrackedRemediation, source: any AssessmentSource, policy: RiskPolicy, today: Day) {
        let product = tracked.key.item.product
        self.init(
            tracked: tracked, assessment: source.assessment(of: tracked.key.cve, policy: policy),
            fixedVersions: (source as? any FixedVersionSource)?.fixedVersions(
                of: tracked.key.cve, vendor: product.vendor, product: product.product) ?? [],
            today: today)
    }

    public var record: RemediationRecord { tracked.record }
    public var key: FindingKey { tracked.key }

    /// Patch, vendor advisory and mitigation links; the NVD page when there are none (R17).
    public var remediationLinks: [Reference] {
        let links = assessment.references.filter(\.isRemediation)
        return links.isEmpty ? [Reference.nvdPage(for: assessment.cve)] : links
    }

    /// What set the deadline, as the API names it: `first_seen` (the severity's days from first sight or reopening),
    /// `kev` (days from the KEV listing), `kev_due_date`, or `directive:<id>`.
    public var deadlineBasis: String? {
        guard let deadline = tracked.deadline else { return nil }
        switch deadline.basis {
        case .severity: return "first_seen"
        case .kev: return "kev"
        case .kevDueDate: return "kev_due_date"
        case .directive(let id): return "directive:\(id)"
        }
    }

    static func daysOverdue(_ tracked: TrackedRemediation, _ today: Day) -> Int? {
        guard !tracked.record.state.isClosed, let deadline = tracked.deadline, today > deadline.day else { return nil }
        return today.daysSinceEpoch - deadline.day.daysSinceEpoch
    }

    static func urgentFirst(_ lhs: RemediationView, _ rhs: RemediationView) -> Bool {
        let (left, right) = (lhs.daysOverdue ?? -1, rhs.daysOverdue ?? -1)
        if left != right { return left > right }
        let (leftClosed, rightClosed) = (lhs.record.state.isClosed, rhs.record.state.isClosed)
        if leftClosed != rightClosed { return rightClosed }
        let (leftDay, rightDay) = (lhs.tracked.deadline?.day, rhs.tracked.deadline?.day)
        if leftDay != rightDay {
            guard let leftDay else { return false }
            guard let rightDay else { return true }
            return leftDay < rightDay
        }
        return lhs.key < rhs.key
    }
}
