import Governance

/// The roles of issue 4: who may do what, always within a scope.
public enum Role: String, Hashable, Sendable, CaseIterable {
    case nationalSupervisor = "national_supervisor"
    case supervisingAgencySupervisor = "supervising_agency_supervisor"
    case agencyAdministrator = "agency_administrator"
    case agencyOperator = "agency_operator"
    case auditor
    case readOnly = "read_only"

    /// What the role may do inside its scope. Reading is everyone's; changing an agency's data is its own staff's;
    /// users and keys are administered by the agency's administrator (and users also by the nation); the audit trail
    /// is for auditors and the national supervisor.
    public func permits(_ action: Action) -> Bool {
        switch action {
        case .readProfile, .readAgency, .readUploads, .readFindings: return true
        case .createUpload, .updateFindings: return self == .agencyAdministrator || self == .agencyOperator
        case .manageUsers: return self == .agencyAdministrator || self == .nationalSupervisor
        case .manageKeys: return self == .agencyAdministrator
        case .readAudit: return self == .auditor || self == .nationalSupervisor
        }
    }
}

/// Where a role applies: the whole nation, the agencies a supervising body (a ministry, a city or county government)
/// supervises directly or further down, or one agency.
public enum Scope: Hashable, Sendable, CustomStringConvertible {
    case nation
    case supervisingBody(Agency.ID)
    case agency(Agency.ID)

    public var description: String {
        switch self {
        case .nation: "nation"
        case .supervisingBody(let id): "supervising:\(id)"
        case .agency(let id): "agency:\(id)"
        }
    }

    /// Reads `description`'s form back, as stored.
    public init?(storageText text: String) {
        if text == "nation" {
            self = .nation
        } else if text.hasPrefix("supervising:"), let id = try? Agency.ID(String(text.dropFirst(12))) {
            self = .supervisingBody(id)
        } else if text.hasPrefix("agency:"), let id = try? Agency.ID(String(text.dropFirst(7))) {
            self = .agency(id)
        } else {
            return nil
        }
    }

    /// Whether an agency whose supervisors, nearest first, are `chain` lies in this scope.
    public func covers(_ agency: Agency.ID, supervisors chain: [Supervisor]) -> Bool {
        switch self {
        case .nation: return true
        case .agency(let id): return id == agency
        case .supervisingBody(let body): return body == agency || chain.contains(.agency(body))
        }
    }
}

/// A role held in a scope.
public struct RoleAssignment: Hashable, Sendable, CustomStringConvertible {
    public var role: Role
    public var scope: Scope

    /// Refuses combinations that make no sense: a national supervisor below the nation, a supervising-agency
    /// supervisor anywhere but a supervising body, agency staff anywhere but an agency.
    public init(_ role: Role, _ scope: Scope) throws(Rejection) {
        let fits: Bool =
            switch (role, scope) {
            case (.nationalSupervisor, .nation): true
            case (.supervisingAgencySupervisor, .supervisingBody): true
            case (.agencyAdministrator, .agency), (.agencyOperator, .agency): true
            case (.auditor, _), (.readOnly, _): true
            default: false
            }
        guard fits else {
            throw Rejection(.invalid, "role \(role.rawValue) cannot be held at \(scope)", field: "scope")
        }
        self.role = role
        self.scope = scope
    }

    public var description: String { "\(role.rawValue)@\(scope)" }
}
