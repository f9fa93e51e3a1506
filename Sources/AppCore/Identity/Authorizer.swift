import Governance
import VulnModel

/// The outcome of one authorization decision and why.
public struct AuthorizationDecision: Hashable, Sendable {
    public enum Outcome: String, Hashable, Sendable {
        case allow
        case deny
        /// The resource is another tenant's: answered as if it did not exist, so its existence does not leak.
        case notFound = "not_found"
    }

    public var outcome: Outcome
    public var reason: String

    public init(_ outcome: Outcome, _ reason: String) {
        self.outcome = outcome
        self.reason = reason
    }
}

/// The policy decision point (DOMAIN §6.2): principal × action × resource tenant → allow, deny or not found.
/// Pure: the caller supplies the tenant agency's supervision chain.
public enum Authorizer {
    public static func decide(
        _ principal: Principal?, _ action: Action, _ tenant: ResourceTenant, supervisors: [Supervisor] = []
    ) -> AuthorizationDecision {
        guard let principal else { return AuthorizationDecision(.deny, "no session or key") }
        if case .apiKey = principal.subject, action != .createUpload, action != .readUploads {
            return AuthorizationDecision(.deny, "an API key may only upload and read its uploads")
        }
        let covering: [RoleAssignment]
        switch tenant {
        case .own:
            return action == .readProfile
                ? AuthorizationDecision(.allow, "own profile") : AuthorizationDecision(.deny, "\(action) is not own")
        case .nation:
            covering = principal.assignments.filter { $0.scope == .nation }
            guard !covering.isEmpty else {
                return AuthorizationDecision(.deny, "\(action.rawValue) on the nation needs a nation-wide role")
            }
        case .agency(let agency):
            covering = principal.assignments.filter { $0.scope.covers(agency, supervisors: supervisors) }
            guard !covering.isEmpty else {
                return AuthorizationDecision(.notFound, "agency \(agency) is outside every scope of the caller")
            }
        }
        if let grant = covering.first(where: { $0.role.permits(action) }) {
            return AuthorizationDecision(.allow, "\(grant) permits \(action.rawValue)")
        }
        let held = covering.map(\.description).joined(separator: ", ")
        return AuthorizationDecision(.deny, "\(held) does not permit \(action.rawValue)")
    }
}

/// One decision as logged: the decision and every input it was made on.
public struct AuthorizationRecord: Hashable, Sendable {
    public var at: Timestamp
    public var requestID: String
    /// `METHOD path` of the request.
    public var request: String
    /// The principal as `Principal.description` (roles, session, assurance), or `anonymous`.
    public var principal: String
    public var action: String
    public var tenant: String
    public var outcome: AuthorizationDecision.Outcome
    public var reason: String

    public init(
        at: Timestamp, requestID: String, request: String, principal: String, action: String, tenant: String,
        outcome: AuthorizationDecision.Outcome, reason: String
    ) {
        self.at = at
        self.requestID = requestID
        self.request = request
        self.principal = principal
        self.action = action
        self.tenant = tenant
        self.outcome = outcome
        self.reason = reason
    }
}

/// Every authorization decision, append-only (DOMAIN §6.2 item 6: log every PDP decision with its inputs).
public protocol AuthorizationLog: Sendable {
    func record(_ record: AuthorizationRecord) async throws(StoreError)

    /// The newest `limit` records, newest first; those of one request id when given.
    func records(requestID: String?, limit: Int) async throws(StoreError) -> [AuthorizationRecord]
}
