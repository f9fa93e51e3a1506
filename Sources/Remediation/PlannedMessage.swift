import Governance
import VulnModel

/// Who a message goes to: an agency's contact, or the national authority (ACS) at the top of the ladder.
public enum Recipient: Hashable, Comparable, Sendable, CustomStringConvertible {
    case agency(Agency.ID)
    case nation

    public init(_ supervisor: Supervisor) {
        switch supervisor {
        case .nation: self = .nation
        case .agency(let id): self = .agency(id)
        }
    }

    public var description: String {
        switch self {
        case .agency(let id): "agency:\(id)"
        case .nation: "nation"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
}

/// A message the planner wants sent. `key` is deterministic (the same situation always yields the same key), so
/// the sender records keys it has sent and a restart never sends twice.
public struct PlannedMessage: Hashable, Sendable {
    public enum Stage: Hashable, Sendable {
        case beforeDue(days: Int)
        case overdue
        /// The n-th escalation (1-based), each one level further up the supervision chain.
        case escalation(Int)

        var keyPart: String {
            switch self {
            case .beforeDue(let days): "before-\(days)d"
            case .overdue: "overdue"
            case .escalation(let level): "escalation-\(level)"
            }
        }
    }

    public enum Subject: Hashable, Sendable {
        case remediation(FindingKey, deadline: Day)
        case missingUpload(Agency.ID, ReportingMonth)
    }

    public var key: String
    public var recipient: Recipient
    /// The agency the message is about (the recipient itself, or a subordinate when escalating).
    public var agency: Agency.ID
    public var subject: Subject
    public var stage: Stage
    /// The day the stage became due; messages planned late keep it, so the log shows the lag.
    public var dueOn: Day

    public init(recipient: Recipient, agency: Agency.ID, subject: Subject, stage: Stage, dueOn: Day) {
        self.recipient = recipient
        self.agency = agency
        self.subject = subject
        self.stage = stage
        self.dueOn = dueOn
        switch subject {
        case .remediation(let finding, let deadline):
            key = "remediation/\(finding)/due-\(deadline)/\(stage.keyPart)"
        case .missingUpload(let agency, let month):
            key = "missing-upload/\(agency)/\(month.gregorian)/\(stage.keyPart)"
        }
    }

    public var isEscalation: Bool {
        if case .escalation = stage { return true }
        return false
    }
}

/// One day's messages to one recipient, sent as a single mail (the daily digest).
public struct Digest: Hashable, Sendable {
    public var recipient: Recipient
    public var day: Day
    public var messages: [PlannedMessage]

    public var key: String { "digest/\(recipient)/\(day)" }

    /// Groups `messages` by recipient, recipients and messages in a stable order.
    public static func group(_ messages: [PlannedMessage], on day: Day) -> [Digest] {
        Dictionary(grouping: messages, by: \.recipient)
            .map { Digest(recipient: $0.key, day: day, messages: $0.value.sorted { $0.key < $1.key }) }
            .sorted { $0.recipient < $1.recipient }
    }
}
