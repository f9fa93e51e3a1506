import VulnModel

/// One obligation of one agency, generated from its level, kind and level date (R5, DOMAIN.md §3.5
/// `AgencyObligationInstance`). A level change generates a new set whose deadlines count from the change.
public struct AgencyObligation: Hashable, Sendable {
    public var agency: Agency.ID
    public var version: String
    public var template: ObligationTemplate
    public var level: SecurityLevel
    public var levelEffective: Day
    public var requirement: ObligationTemplate.Requirement
    /// Set-up deadline, or the end of the first period for a recurring item; nil when the item has neither.
    public var dueDate: Day?
    /// Why the item does not apply (R7), when it does not.
    public var notApplicable: String?

    public init(
        agency: Agency.ID, version: String, template: ObligationTemplate, level: SecurityLevel, levelEffective: Day,
        requirement: ObligationTemplate.Requirement, dueDate: Day?, notApplicable: String?
    ) {
        self.agency = agency
        self.version = version
        self.template = template
        self.level = level
        self.levelEffective = levelEffective
        self.requirement = requirement
        self.dueDate = dueDate
        self.notApplicable = notApplicable
    }

    public var code: String { template.code }

    /// R6: the status on `today` from the evidence recorded for this item.
    public func status(evidence: [ObligationEvidence], on today: Day) -> ObligationStatus {
        if notApplicable != nil { return .notApplicable }
        let relevant = evidence.filter { $0.code == code && $0.day <= today }
        let started = !relevant.isEmpty
        let pastDue = dueDate.map { today > $0 } ?? false
        let pending: ObligationStatus = pastDue ? .overdue : (started ? .inProgress : .notStarted)
        switch template.kind {
        case .oneTimeSetup:
            return relevant.contains { $0.kind == .done } ? .compliant : pending
        case .headcount, .certificateCount:
            let latest = relevant.filter { if case .count = $0.kind { true } else { false } }.max { $0.day < $1.day }
            if case .count(let have)? = latest?.kind, have >= (requirement.quantity ?? 1) { return .compliant }
            return pending
        case .recurring, .trainingHours:
            guard let frequency = requirement.frequency else {
                return relevant.contains { $0.kind == .done } ? .compliant : pending
            }
            // A rolling window of the period ending today: `count` completions in it keep the item compliant.
            let windowStart = today.adding(years: -frequency.periodYears)
            let done = relevant.filter { $0.kind == .done && $0.day > windowStart }.count
            return done >= frequency.count ? .compliant : pending
        }
    }
}

public enum ObligationStatus: String, Hashable, Sendable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case compliant
    case overdue
    case notApplicable = "not_applicable"
}

/// A piece of evidence for an obligation: something done (an audit held, a system deployed), work started, or a
/// count (staff, certificates) on a day.
public struct ObligationEvidence: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case done
        case started
        case count(Int)
    }

    public var code: String
    public var day: Day
    public var kind: Kind
    public var note: String

    public init(code: String, day: Day, kind: Kind, note: String) {
        self.code = code
        self.day = day
        self.kind = kind
        self.note = note
    }
}

/// The facts conditional items depend on (R7).
public struct AgencyFacts: Hashable, Sendable {
    public var hasMailServer: Bool
    public var hasExternalCoreSystem: Bool

    public init(hasMailServer: Bool, hasExternalCoreSystem: Bool) {
        self.hasMailServer = hasMailServer
        self.hasExternalCoreSystem = hasExternalCoreSystem
    }

    /// From the agency record and its systems: an external-facing core system makes a WAF required.
    public init(agency: Agency, systems: [InfoSystem]) {
        hasMailServer = agency.hasMailServer
        hasExternalCoreSystem = systems.contains { $0.agency == agency.id && $0.isCore && $0.externalFacing }
    }

    public func holds(_ condition: ObligationTemplate.Condition) -> Bool {
        switch condition {
        case .hasMailServer: hasMailServer
        case .hasExternalCoreSystem: hasExternalCoreSystem
        }
    }
}

/// Generates an agency's obligations from one catalogue version.
public struct ObligationGenerator: Sendable {
    public var version: ObligationVersion

    public init(version: ObligationVersion) { self.version = version }

    /// The obligations of `agency` under the level in force on `day`; empty when it has none.
    public func obligations(for agency: Agency, facts: AgencyFacts, on day: Day) -> [AgencyObligation] {
        guard let assignment = agency.levels.assignment(on: day) else { return [] }
        var generated: [AgencyObligation] = []
        for template in version.items where template.agencyTypes.contains(where: { $0.includes(agency.kind) }) {
            guard let requirement = template.levels[assignment.level] else { continue }
            let years = requirement.deadlineYears ?? requirement.frequency?.periodYears
            var notApplicable: String?
            if let condition = template.conditionalOn, !facts.holds(condition) {
                notApplicable = "\(condition.rawValue) is false"
            }
            generated.append(
                AgencyObligation(
                    agency: agency.id, version: version.id, template: template, level: assignment.level,
                    levelEffective: assignment.effective, requirement: requirement,
                    dueDate: years.map { assignment.effective.adding(years: $0) }, notApplicable: notApplicable))
        }
        return generated
    }
}
