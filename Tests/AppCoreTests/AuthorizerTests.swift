import AppCore
import Governance
import Testing

@Suite struct AuthorizerTests {
    static func oid(_ text: String) -> Agency.ID {
        do { return try Agency.ID(text) } catch { preconditionFailure("\(error)") }
    }

    static let ministry = oid("2.16.886.101.20003")
    static let agency = oid("2.16.886.101.20003.20065")
    static let stranger = oid("2.16.886.101.90021")
    /// `agency` is supervised by `ministry`, which answers to the nation.
    static let chain: [Supervisor] = [.agency(ministry), .nation]

    static func user(_ role: Role, _ scope: Scope) -> Principal {
        do {
            return Principal(
                subject: .user(
                    User.ID("u"), session: Session.ID("s"), passkey: Passkey.ID("p"), assurance: "passkey+uv"),
                name: "n", assignments: [try RoleAssignment(role, scope)])
        } catch { preconditionFailure("\(error)") }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var principal: Principal?
        var action: Action
        var tenant: ResourceTenant
        var outcome: AuthorizationDecision.Outcome
        var testDescription: String { name }
    }

    static let key = Principal(
        apiKey: APIKey(
            id: APIKey.ID("k"), agency: agency, label: "agent", createdAt: .init(millisecondsSinceEpoch: 0),
            expiresAt: .init(millisecondsSinceEpoch: 1), revokedAt: nil, replacedBy: nil))

    static let cases: [Case] = [
        Case(name: "anonymous", principal: nil, action: .readUploads, tenant: .agency(agency), outcome: .deny),
        Case(
            name: "operator reads own agency", principal: user(.agencyOperator, .agency(agency)), action: .readUploads,
            tenant: .agency(agency), outcome: .allow),
        Case(
            name: "operator uploads for own agency", principal: user(.agencyOperator, .agency(agency)),
            action: .createUpload, tenant: .agency(agency), outcome: .allow),
        Case(
            name: "operator of another agency: not found", principal: user(.agencyOperator, .agency(stranger)),
            action: .readUploads, tenant: .agency(agency), outcome: .notFound),
        Case(
            name: "operator cannot manage keys", principal: user(.agencyOperator, .agency(agency)), action: .manageKeys,
            tenant: .agency(agency), outcome: .deny),
        Case(
            name: "administrator manages keys", principal: user(.agencyAdministrator, .agency(agency)),
            action: .manageKeys, tenant: .agency(agency), outcome: .allow),
        Case(
            name: "ministry supervisor reads a supervised agency",
            principal: user(.supervisingAgencySupervisor, .supervisingBody(ministry)), action: .readFindings,
            tenant: .agency(agency), outcome: .allow),
        Case(
            name: "ministry supervisor cannot upload for it",
            principal: user(.supervisingAgencySupervisor, .supervisingBody(ministry)), action: .createUpload,
            tenant: .agency(agency), outcome: .deny),
        Case(
            name: "ministry supervisor: an unsupervised agency is not found",
            principal: user(.supervisingAgencySupervisor, .supervisingBody(stranger)), action: .readFindings,
            tenant: .agency(agency), outcome: .notFound),
        Case(
            name: "national supervisor reads anything", principal: user(.nationalSupervisor, .nation),
            action: .readUploads, tenant: .agency(stranger), outcome: .allow),
        Case(
            name: "national supervisor does not upload for agencies", principal: user(.nationalSupervisor, .nation),
            action: .createUpload, tenant: .agency(agency), outcome: .deny),
        Case(
            name: "auditor reads the audit trail", principal: user(.auditor, .nation), action: .readAudit,
            tenant: .nation, outcome: .allow),
        Case(
            name: "agency administrator: the nation's audit trail is denied",
            principal: user(.agencyAdministrator, .agency(agency)), action: .readAudit, tenant: .nation,
            outcome: .deny),
        Case(
            name: "read-only cannot change findings", principal: user(.readOnly, .agency(agency)),
            action: .updateFindings, tenant: .agency(agency), outcome: .deny),
        Case(
            name: "anyone signed in reads their profile", principal: user(.readOnly, .agency(agency)),
            action: .readProfile, tenant: .own, outcome: .allow),
        Case(name: "API key uploads", principal: key, action: .createUpload, tenant: .agency(agency), outcome: .allow),
        Case(
            name: "API key cannot read findings", principal: key, action: .readFindings, tenant: .agency(agency),
            outcome: .deny),
        Case(
            name: "API key of another agency", principal: key, action: .createUpload, tenant: .agency(stranger),
            outcome: .notFound),
    ]

    @Test(arguments: cases)
    func decides(_ example: Case) {
        let decision = Authorizer.decide(example.principal, example.action, example.tenant, supervisors: Self.chain)
        #expect(decision.outcome == example.outcome, "\(decision.reason)")
        #expect(!decision.reason.isEmpty)
    }

    @Test func rolesOnlyWhereTheyFit() {
        #expect(throws: Rejection.self) { try RoleAssignment(.nationalSupervisor, .agency(Self.agency)) }
        #expect(throws: Rejection.self) { try RoleAssignment(.agencyOperator, .nation) }
        #expect(throws: Rejection.self) { try RoleAssignment(.supervisingAgencySupervisor, .agency(Self.agency)) }
        #expect(throws: Never.self) { try RoleAssignment(.auditor, .supervisingBody(Self.ministry)) }
        for scope in [Scope.nation, .supervisingBody(Self.ministry), .agency(Self.agency)] {
            #expect(Scope(storageText: scope.description) == scope)
        }
    }
}
