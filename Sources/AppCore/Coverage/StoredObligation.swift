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
