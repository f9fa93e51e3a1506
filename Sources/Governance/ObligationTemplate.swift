import VulnModel

/// One required item (應辦事項) of the level regulation's annexes, for every level it applies to (DOMAIN.md §3.5
/// `ObligationTemplate`). Loaded from `Data/governance/obligations.json`, never written in code (R4).
public struct ObligationTemplate: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case oneTimeSetup = "one_time_setup"
        case recurring
        case headcount
        case trainingHours = "training_hours"
        case certificateCount = "certificate_count"
    }

    public enum Scope: String, Hashable, Sendable {
        case agency
        case allCoreSystems = "all_core_systems"
        case perPerson = "per_person"
    }

    /// The facts R7's conditional items depend on.
    public enum Condition: String, Hashable, Sendable {
        case hasMailServer = "has_mail_server"
        case hasExternalCoreSystem = "has_external_core_system"
    }

    /// Which agencies an item is for: public agencies (incl. administrative corporations) or a kind of specific
    /// non-public agency.
    public enum AgencyType: String, Hashable, Sendable {
        case `public`
        case ciProvider = "ci_provider"
        case stateOwnedEnterprise = "soe"
        case foundation

        public func includes(_ kind: Agency.Kind) -> Bool {
            switch self {
            case .public: kind.isPublicAgency
            case .ciProvider: kind == .ciProvider
            case .stateOwnedEnterprise: kind == .stateOwnedEnterprise
            case .foundation: kind == .foundation
            }
        }
    }

    public struct Frequency: Hashable, Sendable {
        public var count: Int
        public var periodYears: Int

        public init(count: Int, periodYears: Int) {
            self.count = count
            self.periodYears = periodYears
        }
    }

    /// What the item asks of one level.
    public struct Requirement: Hashable, Sendable {
        /// Years from the level's effective date to set the item up.
        public var deadlineYears: Int?
        public var frequency: Frequency?
        /// Headcount or certificate count.
        public var quantity: Int?
        /// False where DOMAIN.md marks the cell [UNV].
        public var verified: Bool

        public init(deadlineYears: Int?, frequency: Frequency?, quantity: Int?, verified: Bool) {
            self.deadlineYears = deadlineYears
            self.frequency = frequency
            self.quantity = quantity
            self.verified = verified
        }
    }

    public var code: String
    public var nameZh: String
    public var nameEn: String
    public var kind: Kind
    public var scope: Scope
    public var agencyTypes: [AgencyType]
    public var conditionalOn: Condition?
    public var evidenceRequired: [String]
    public var sourceRef: String
    public var levels: [SecurityLevel: Requirement]
    public var training: TrainingRequirement?
}

/// One version of the annexes (the 2021 amendment, the 2025 revision, …) with its source (R50).
public struct ObligationVersion: Hashable, Sendable {
    public var id: String
    public var titleZh: String
    /// Nil when the version's effective date is not known: it is then only ever chosen explicitly.
    public var effectiveFrom: Day?
    public var effectiveTo: Day?
    public var sourceURL: String
    public var sourceType: String
    public var retrieved: Day?
    public var items: [ObligationTemplate]
}
