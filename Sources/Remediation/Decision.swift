import Governance
import Versioning
import VulnModel

/// A standing decision about a CVE in a product's versions (VEX-like): it applies to every finding it covers,
/// including those of later uploads, until it expires.
public struct Decision: Hashable, Sendable, Identifiable {
    public struct ID: Hashable, Comparable, Sendable, CustomStringConvertible {
        public let rawValue: String

        public init(_ rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }

        public static func < (lhs: ID, rhs: ID) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Who the decision is for; a narrower scope wins over a wider one.
    public enum Scope: Hashable, Sendable {
        case host(HostRef)
        case agency(Agency.ID)
        case national

        /// 0 for the narrowest.
        public var breadth: Int {
            switch self {
            case .host: 0
            case .agency: 1
            case .national: 2
            }
        }

        public func covers(_ key: FindingKey) -> Bool {
            switch self {
            case .host(let host): host == key.hostRef
            case .agency(let agency): agency == key.agency
            case .national: true
            }
        }
    }

    public enum Outcome: String, Hashable, Sendable {
        case riskAccepted = "risk_accepted"
        case falsePositive = "false_positive"
        case mitigated
    }

    public var id: ID
    public var cve: CVEID
    public var product: ProductRef
    /// The versions covered; nil for every version.
    public var versions: VersionRange?
    public var scope: Scope
    public var outcome: Outcome
    public var justification: String
    public var approver: String
    public var madeOn: Day
    /// The first day it no longer applies; required for risk acceptance.
    public var expires: Day?

    public init(
        id: ID, cve: CVEID, product: ProductRef, versions: VersionRange?, scope: Scope, outcome: Outcome,
        justification: String, approver: String, madeOn: Day, expires: Day?
    ) throws(DecisionError) {
        guard !justification.isEmpty else { throw DecisionError(decision: id, problem: "justification is required") }
        guard !approver.isEmpty else { throw DecisionError(decision: id, problem: "approver is required") }
        if outcome == .riskAccepted, expires == nil {
            throw DecisionError(decision: id, problem: "a risk acceptance needs an expiry")
        }
        if let expires, expires <= madeOn {
            throw DecisionError(decision: id, problem: "expiry \(expires) is not after \(madeOn)")
        }
        self.id = id
        self.cve = cve
        self.product = product
        self.versions = versions
        self.scope = scope
        self.outcome = outcome
        self.justification = justification
        self.approver = approver
        self.madeOn = madeOn
        self.expires = expires
    }

    public func isInForce(on day: Day) -> Bool { madeOn <= day && (expires.map { day < $0 } ?? true) }

    /// Covers `key` on `day`: same CVE and product, a version surely inside the range (an indeterminate
    /// comparison does not count: a decision is never stretched over a version it may not have meant), the scope
    /// includes the host, and the decision is in force.
    public func covers(_ key: FindingKey, on day: Day) -> Bool {
        guard key.cve == cve, key.item.product == product, scope.covers(key), isInForce(on: day) else { return false }
        guard let versions else { return true }
        return versions.contains(Version(key.item.version)) == .inside
    }
}

public struct DecisionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var decision: Decision.ID
    public var problem: String

    public init(decision: Decision.ID, problem: String) {
        self.decision = decision
        self.problem = problem
    }

    public var description: String { "decision \(decision): \(problem)" }
}

/// The decisions in force, and which one applies to a finding: the narrowest scope, then the latest.
public struct DecisionBook: Sendable {
    public var decisions: [Decision]

    public init(_ decisions: [Decision] = []) { self.decisions = decisions }

    public func decision(for key: FindingKey, on day: Day) -> Decision? {
        decisions.filter { $0.covers(key, on: day) }
            .min { ($0.scope.breadth, $1.madeOn, $0.id) < ($1.scope.breadth, $0.madeOn, $1.id) }
    }
}
