import Governance
import VulnModel

/// The policy enforcement point: who the caller of this request is (resolved from the session token on every
/// request, so a revoked session or passkey stops at the next one), and an authorization decision for each thing the
/// request touches, every one of them logged with its inputs.
public struct AccessGate: Sendable {
    /// The caller of the request being handled. The server binds it around each request; handlers that the
    /// generated API calls cannot be handed it as a parameter, and a task-local value is scoped to the request's
    /// task, so it is not shared state.
    public struct RequestAccess: Sendable {
        public var principal: Principal?
        public var requestID: String
        /// `METHOD path`.
        public var request: String

        public init(principal: Principal?, requestID: String, request: String) {
            self.principal = principal
            self.requestID = requestID
            self.request = request
        }
    }

    @TaskLocal public static var current: RequestAccess?

    public let identities: any IdentityStore
    public let agencies: any AgencyStore
    public let log: any AuthorizationLog
    public let clock: @Sendable () -> Timestamp

    public init(
        identities: any IdentityStore, agencies: any AgencyStore, log: any AuthorizationLog,
        clock: @escaping @Sendable () -> Timestamp
    ) {
        self.identities = identities
        self.agencies = agencies
        self.log = log
        self.clock = clock
    }

    /// The principal of a session token, or nil when there is no token. A token that is not live (unknown,
    /// expired, revoked, or its passkey or user revoked) is nil too, and the refusal is logged: the request then
    /// goes on as anonymous and is refused wherever it needs a principal.
    public func resolve(token: String?, requestID: String, request: String) async throws -> Principal? {
        guard let token, !token.isEmpty else { return nil }
        let now = clock()
        do {
            let (session, user) = try await identities.resolveSession(token: token, now: now)
            return Principal(
                subject: .user(user.id, session: session.id, passkey: session.passkey, assurance: session.assurance),
                name: user.name, assignments: user.assignments)
        } catch {
            guard error.kind == .unauthorized else { throw error }
            try await log.record(
                AuthorizationRecord(
                    at: now, requestID: requestID, request: request, principal: "anonymous", action: "session.resolve",
                    tenant: "own", outcome: .deny, reason: "session token unknown, expired or revoked"))
            return nil
        }
    }

    /// Decides whether the current request's caller may do `action` on a resource of `tenant`, logs the decision,
    /// and returns the principal when allowed. Refusals are thrown as the `Rejection` the caller should see: no
    /// principal → unauthenticated, another tenant's resource → not found, not permitted → forbidden.
    @discardableResult
    public func authorize(_ action: Action, on tenant: ResourceTenant) async throws -> Principal {
        let access = Self.current ?? RequestAccess(principal: nil, requestID: "", request: "")
        var supervisors: [Supervisor] = []
        if case .agency(let agency) = tenant, let principal = access.principal,
            principal.assignments.contains(where: { if case .supervisingBody = $0.scope { true } else { false } })
        {
            supervisors = try await agencies.directory().supervisionChain(of: agency)
        }
        let decision = Authorizer.decide(access.principal, action, tenant, supervisors: supervisors)
        try await log.record(
            AuthorizationRecord(
                at: clock(), requestID: access.requestID, request: access.request,
                principal: access.principal?.description ?? "anonymous", action: action.rawValue,
                tenant: tenant.description, outcome: decision.outcome, reason: decision.reason))
        switch decision.outcome {
        case .allow:
            guard let principal = access.principal else { break }
            return principal
        case .notFound: throw Rejection(.notFound, "not found")
        case .deny: break
        }
        guard access.principal != nil else { throw Rejection(.unauthenticated, "sign in with a passkey first") }
        throw Rejection(.forbidden, decision.reason)
    }

    /// Logs a request for something that does not exist and returns the not-found refusal to throw, the same answer
    /// as for another tenant's resource.
    public func missing(_ action: Action, _ what: String) async throws -> Rejection {
        let access = Self.current ?? RequestAccess(principal: nil, requestID: "", request: "")
        try await log.record(
            AuthorizationRecord(
                at: clock(), requestID: access.requestID, request: access.request,
                principal: access.principal?.description ?? "anonymous", action: action.rawValue, tenant: "unknown",
                outcome: .notFound, reason: "no \(what)"))
        return Rejection(.notFound, "not found")
    }

    /// The decision every request gets when it arrives: who the caller is, logged with the request. Anonymous
    /// callers are let through to public endpoints (sign-in, health, VANS uploads with their own key); everything
    /// else decides again with `authorize`.
    public func admit(token: String?, requestID: String, request: String) async throws -> Principal? {
        let principal = try await resolve(token: token, requestID: requestID, request: request)
        guard token == nil || principal != nil else { return nil }  // the refusal is already logged
        try await log.record(
            AuthorizationRecord(
                at: clock(), requestID: requestID, request: request, principal: principal?.description ?? "anonymous",
                action: "request", tenant: "own", outcome: .allow,
                reason: principal == nil ? "anonymous: public endpoints only" : "session live"))
        return principal
    }
}
