import Governance
import VulnModel

/// An agency's obligation as stored: which catalogue item under which version, for which level assignment, due
/// when; `supersededOn` is set when a later level assignment replaced the set it belongs to.
public struct StoredObligation: Hashable, Sendable {
    public var agency: Agency.ID
    public var version: String
    public var code: String
    public var level: SecurityLevel
    public var levelEffective: Day
    public var dueDate: Day?
    public var notApplicable: String?
    public var generatedOn: Day
    public var supersededOn: Day?

    public init(
        agency: Agency.ID, version: String, code: String, level: SecurityLevel, levelEffective: Day, dueDate: Day?,
        notApplicable: String?, generatedOn: Day, supersededOn: Day? = nil
    ) {
        self.agency = agency
        self.version = version
        self.code = code
        self.level = level
        self.levelEffective = levelEffective
        self.dueDate = dueDate
        self.notApplicable = notApplicable
        self.generatedOn = generatedOn
        self.supersededOn = supersededOn
    }

    public init(_ obligation: AgencyObligation, generatedOn: Day) {
        self.init(
            agency: obligation.agency, version: obligation.version, code: obligation.code, level: obligation.level,
            levelEffective: obligation.levelEffective, dueDate: obligation.dueDate,
            notApplicable: obligation.notApplicable, generatedOn: generatedOn)
    }

    /// Same item of the same generation (version, code, level assignment), whatever its dates.
    public func isSameItem(as other: StoredObligation) -> Bool {
        (agency, version, code, level, levelEffective) == (
            other.agency, other.version, other.code, other.level,
            other.levelEffective
        )
    }
}

/// Generated obligations (R5) and the evidence recorded against them (R6).
public protocol ObligationStore: Sendable {
    /// The agency's current set (or every agency's); with `history`, superseded sets too.
    func obligations(agency: Agency.ID?, history: Bool) async throws(StoreError) -> [StoredObligation]

    /// Makes `items` the agency's current set in one transaction: items already current stay as they are (their
    /// due date and applicability refreshed), other current items are superseded on `day`, new ones inserted.
    /// Returns how many were inserted and superseded.
    func replaceCurrent(agency: Agency.ID, with items: [StoredObligation], on day: Day) async throws(StoreError)
        -> (inserted: Int, superseded: Int)

    /// Appends a piece of evidence for the agency's item `evidence.code`.
    func record(_ evidence: ObligationEvidence, agency: Agency.ID, now: Timestamp) async throws(StoreError)

    /// The agency's evidence (or every agency's), oldest first.
    func evidence(agency: Agency.ID?) async throws(StoreError) -> [Agency.ID: [ObligationEvidence]]
}
