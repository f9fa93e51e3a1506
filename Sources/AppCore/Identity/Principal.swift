import Governance

/// Who is calling: a person in a passkey session, or an agency's API key. Decisions are made on this, never on
/// a bare token.
public struct Principal: Hashable, Sendable, CustomStringConvertible {
    public enum Subject: Hashable, Sendable {
        case user(User.ID, session: Session.ID, passkey: Passkey.ID, assurance: String)
        /// A machine: may only upload and read its own agency's uploads.
        case apiKey(APIKey.ID, agency: Agency.ID)
    }

    public var subject: Subject
    public var name: String
    public var assignments: [RoleAssignment]

    public init(subject: Subject, name: String, assignments: [RoleAssignment]) {
        self.subject = subject
        self.name = name
        self.assignments = assignments
    }

    /// An API key acts as its agency's operator, limited further by the authorizer to uploads.
    public init(apiKey: APIKey) {
        subject = .apiKey(apiKey.id, agency: apiKey.agency)
        name = apiKey.label
        assignments = [RoleAssignment(uncheckedRole: .agencyOperator, scope: .agency(apiKey.agency))]
    }

    /// The actor the audit log names.
    public var actor: String {
        switch subject {
        case .user(let id, _, _, _): "user:\(id)"
        case .apiKey(let id, _): "apikey:\(id)"
        }
    }

    public var description: String {
        let roles = assignments.map(\.description).joined(separator: ",")
        switch subject {
        case .user(_, let session, let passkey, let assurance):
            return "\(actor) session:\(session) passkey:\(passkey) assurance:\(assurance) roles:[\(roles)]"
        case .apiKey: return "\(actor) roles:[\(roles)]"
        }
    }
}

extension RoleAssignment {
    /// For combinations known to fit (an operator of an agency).
    init(uncheckedRole role: Role, scope: Scope) {
        self.role = role
        self.scope = scope
    }
}
