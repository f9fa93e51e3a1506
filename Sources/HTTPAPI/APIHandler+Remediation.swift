package import AppCore
import Governance
import Remediation
package import VulnModel

/// What the remediation endpoints run on (issue 5 §1): the records as an agency sees them, and the desk that applies
/// a person's action with its audit entry.
package struct RemediationServices: Sendable {
    package let queries: RemediationQueries
    package let desk: RemediationDesk
    package let clock: @Sendable () -> Timestamp

    package init(queries: RemediationQueries, desk: RemediationDesk, clock: @escaping @Sendable () -> Timestamp) {
        self.queries = queries
        self.desk = desk
        self.clock = clock
    }
}

extension APIHandler {
    package func listRemediation(_ input: Operations.ListRemediation.Input) async throws
        -> Operations.ListRemediation.Output
    {
        let (services, gate) = try remediationServices()
        guard let agency = try? Agency.ID(input.query.agency) else {
            throw Rejection(.invalid, "not an agency OID: \(input.query.agency)", field: "agency")
        }
        try await gate.authorize(.readFindings, on: .agency(agency))
        let views = try await services.queries.records(
            of: agency, state: input.query.state.flatMap { RemediationState(rawValue: $0.rawValue) },
            overdueOnly: input.query.overdue == true, today: services.clock().dayInTaiwan)
        return .ok(.init(body: .json(.init(records: views.map(Self.item)))))
    }

    package func getRemediation(_ input: Operations.GetRemediation.Input) async throws
        -> Operations.GetRemediation.Output
    {
        let (services, gate) = try remediationServices()
        let key = try await recordKey(input.path.key, action: .readFindings, gate: gate)
        try await gate.authorize(.readFindings, on: .agency(key.agency))
        return .ok(.init(body: .json(try await detail(key, services: services))))
    }

    package func actOnRemediation(_ input: Operations.ActOnRemediation.Input) async throws
        -> Operations.ActOnRemediation.Output
    {
        let (services, gate) = try remediationServices()
        guard case .json(let body) = input.body else { throw Rejection(.invalid, "expected application/json") }
        let key = try await recordKey(input.path.key, action: .updateFindings, gate: gate)
        let principal = try await gate.authorize(.updateFindings, on: .agency(key.agency))
        let request = RemediationRequest(
            action: body.action.rawValue, measure: body.measure, owner: body.owner, targetDate: body.targetDate,
            evidence: body.evidence, approver: body.approver, reason: body.reason, expires: body.expires,
            justification: body.justification)
        try await services.desk.act(request, on: key, by: principal.actor, now: services.clock())
        return .ok(.init(body: .json(try await detail(key, services: services))))
    }

    func remediationServices() throws -> (RemediationServices, AccessGate) {
        guard let remediation, let auth else {
            throw Rejection(.notFound, "remediation records are not served here")
        }
        return (remediation, auth.gate)
    }

    /// A key that names no record is answered (and logged) like another agency's record.
    func recordKey(_ token: String, action: Action, gate: AccessGate) async throws -> FindingKey {
        guard let key = FindingKey(token: token) else { throw try await gate.missing(action, "remediation record") }
        return key
    }

    func detail(_ key: FindingKey, services: RemediationServices) async throws
        -> Components.Schemas.RemediationDetail
    {
        let view: RemediationView
        do {
            view = try await services.queries.record(key, today: services.clock().dayInTaiwan)
        } catch let error as StoreError where error.kind == .notFound {
            throw Rejection(.notFound, "not found")
        }
        return .init(
            record: Self.item(view),
            history: view.record.history.map { entry in
                .init(
                    day: entry.day.description, actor: entry.actor, action: entry.action,
                    from: Self.state(entry.from), to: Self.state(entry.to), note: entry.note)
            })
    }

    static func state(_ state: RemediationState) -> Components.Schemas.RemediationState {
        Components.Schemas.RemediationState(rawValue: state.rawValue) ?? .open
    }

    static func item(_ view: RemediationView) -> Components.Schemas.RemediationItem {
        let record = view.record
        let deadline = view.tracked.deadline
        let assessment = view.assessment
        return .init(
            key: view.key.token, agency: view.key.agency.rawValue, host: view.key.host.rawValue,
            cve: view.key.cve.description, product: view.key.item.product.description,
            version: view.key.item.version, state: state(record.state), verified: record.verified,
            reappeared: record.reappeared, deadline: deadline?.day.description, deadlineBasis: view.deadlineBasis,
            clockStart: deadline?.clockStart.description, pausedDays: deadline?.pausedDays,
            daysOverdue: view.daysOverdue, owner: record.owner, measure: record.measure,
            targetDate: record.targetDate?.description, evidence: record.evidence,
            approver: record.riskAcceptance?.approver, acceptedUntil: record.riskAcceptance?.expires.description,
            justification: record.justification, firstSeen: record.firstSeen.description,
            lastSeen: record.lastSeen.description, severity: record.risk.severity.rawValue,
            baseScore: record.risk.baseScore ?? assessment.risk?.baseScore,
            kev: record.risk.isKEV || assessment.kev != nil,
            kevDueDate: (assessment.kev?.dueDate ?? record.risk.kevDueDate)?.description,
            epss: assessment.epss?.probability, epssPercentile: assessment.epss?.percentile,
            fixedVersions: view.fixedVersions.isEmpty ? nil : view.fixedVersions,
            links: view.remediationLinks.map { .init(url: $0.url, tags: $0.tags) })
    }
}
