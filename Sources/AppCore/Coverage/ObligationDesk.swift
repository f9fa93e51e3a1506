import Governance
import VulnModel

/// Generates agencies' obligations from their level and level date under the catalogue version in force (R5),
/// keeps superseded sets as history, records evidence and reports status (R6).
public struct ObligationDesk: Sendable {
    public let agencies: any AgencyStore
    public let coverage: any CoverageStore
    public let store: any ObligationStore
    public let catalogue: ObligationCatalogue

    public init(
        agencies: any AgencyStore, coverage: any CoverageStore, store: any ObligationStore,
        catalogue: ObligationCatalogue
    ) {
        self.agencies = agencies
        self.coverage = coverage
        self.store = store
        self.catalogue = catalogue
    }

    public struct Generation: Hashable, Sendable {
        public var agency: Agency.ID
        public var inserted: Int
        public var superseded: Int
    }

    /// Generates the current set of `agency` (or of every agency) as of `today`. Running it again changes nothing;
    /// after a level change the old set is superseded and a new one, due from the change, added.
    public func generate(agency: Agency.ID?, today: Day) async throws(StoreError) -> [Generation] {
        guard let version = catalogue.version(on: today) else {
            throw StoreError(.notFound, "no obligation catalogue version in force on \(today)")
        }
        let generator = ObligationGenerator(version: version)
        let targets: [Agency]
        if let agency {
            targets = [try await agencies.agency(agency)]
        } else {
            targets = try await agencies.directory().all
        }
        var results: [Generation] = []
        for agency in targets {
            let systems = try await coverage.systems(agencies: [agency.id])
            let items = generator.obligations(
                for: agency, facts: AgencyFacts(agency: agency, systems: systems), on: today
            ).map { StoredObligation($0, generatedOn: today) }
            let counts = try await store.replaceCurrent(agency: agency.id, with: items, on: today)
            results.append(Generation(agency: agency.id, inserted: counts.inserted, superseded: counts.superseded))
        }
        return results
    }

    /// A stored obligation with its template and status on a day.
    public struct Item: Hashable, Sendable {
        public var stored: StoredObligation
        public var template: ObligationTemplate?
        public var status: ObligationStatus
    }

    /// The current items of `agency` (or every agency) with their status on `today`; only overdue ones when asked.
    public func list(agency: Agency.ID?, overdueOnly: Bool, today: Day) async throws(StoreError) -> [Item] {
        let stored = try await store.obligations(agency: agency, history: false)
        let evidence = try await store.evidence(agency: agency)
        return stored.compactMap { item in
            let listed = self.item(item, evidence: evidence[item.agency] ?? [], today: today)
            return !overdueOnly || listed.status == .overdue ? listed : nil
        }
    }

    /// Current items' status counts per level (the supervisors' page).
    public func statusCounts(agencies: Set<Agency.ID>?, today: Day) async throws(StoreError)
        -> [SecurityLevel: [ObligationStatus: Int]]
    {
        var counts: [SecurityLevel: [ObligationStatus: Int]] = [:]
        for item in try await list(agency: nil, overdueOnly: false, today: today)
        where agencies?.contains(item.stored.agency) ?? true {
            counts[item.stored.level, default: [:]][item.status, default: 0] += 1
        }
        return counts
    }

    public func record(_ evidence: ObligationEvidence, agency: Agency.ID, now: Timestamp) async throws(StoreError) {
        let current = try await store.obligations(agency: agency, history: false)
        guard current.contains(where: { $0.code == evidence.code }) else {
            throw StoreError(.notFound, "obligation \(evidence.code) of \(agency)")
        }
        try await store.record(evidence, agency: agency, now: now)
    }

    private func item(_ stored: StoredObligation, evidence: [ObligationEvidence], today: Day) -> Item {
        let template = catalogue.version(id: stored.version)?.items.first { $0.code == stored.code }
        guard let template, let requirement = template.levels[stored.level] else {
            // A version no longer in the catalogue: the item is still listed, its status from its due date alone.
            let overdue = stored.dueDate.map { today > $0 } ?? false
            return Item(stored: stored, template: nil, status: overdue ? .overdue : .notStarted)
        }
        let obligation = AgencyObligation(
            agency: stored.agency, version: stored.version, template: template, level: stored.level,
            levelEffective: stored.levelEffective, requirement: requirement, dueDate: stored.dueDate,
            notApplicable: stored.notApplicable)
        return Item(stored: stored, template: template, status: obligation.status(evidence: evidence, on: today))
    }
}
