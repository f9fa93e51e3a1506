import AppCore
import Governance
import Remediation
import SQLKit
import Versioning
import VulnModel

extension SQLRemediationStore {
    public func saveDecision(_ decision: Decision, now: Timestamp) async throws(StoreError) {
        if let malformation = decision.versions?.malformation {
            throw StoreError(.rejected, "decision \(decision.id): \(malformation)")
        }
        let (scope, agency, host): (String, String?, String?) =
            switch decision.scope {
            case .national: ("national", nil, nil)
            case .agency(let agency): ("agency", agency.rawValue, nil)
            case .host(let ref): ("host", ref.agency.rawValue, ref.host.rawValue)
            }
        let start = decision.versions?.start
        let end = decision.versions?.end
        try await backend.run("saving decision \(decision.id)") {
            try await backend.database.raw(
                """
                INSERT INTO remediation_decisions (id, cve, vendor, product, start_including, start_excluding,
                    end_including, end_excluding, scope, scope_agency, scope_host, outcome, justification, approver,
                    made_on, expires, recorded_at)
                VALUES (\(bind: decision.id.rawValue), \(bind: decision.cve.description),
                    \(bind: decision.product.vendor), \(bind: decision.product.product),
                    \(bind: Self.including(start)), \(bind: Self.excluding(start)), \(bind: Self.including(end)),
                    \(bind: Self.excluding(end)), \(bind: scope), \(bind: agency), \(bind: host),
                    \(bind: decision.outcome.rawValue), \(bind: decision.justification), \(bind: decision.approver),
                    \(bind: decision.madeOn.description), \(bind: decision.expires?.description),
                    \(bind: now.storageValue))
                """
            ).run()
        }
    }

    public func decisions() async throws(StoreError) -> [Decision] {
        try await backend.run("reading decisions") {
            try await backend.database.raw("SELECT * FROM remediation_decisions ORDER BY id").all().map(Self.decision)
        }
    }

    private static func including(_ bound: VersionRange.Bound?) -> String? {
        if case .including(let version) = bound { return version.raw }
        return nil
    }

    private static func excluding(_ bound: VersionRange.Bound?) -> String? {
        if case .excluding(let version) = bound { return version.raw }
        return nil
    }

    static func decision(_ row: any SQLRow) throws -> Decision {
        let id = Decision.ID(try row.string("id"))
        let cveText = try row.string("cve")
        guard let cve = CVEID(cveText) else { throw StoreError(.corrupt, "decision \(id): cve \(cveText)") }
        let scope: Decision.Scope
        switch try row.string("scope") {
        case "national": scope = .national
        case "agency": scope = .agency(try row.agency("scope_agency"))
        case "host":
            scope = .host(HostRef(agency: try row.agency("scope_agency"), host: HostID(try row.string("scope_host"))))
        case let other: throw StoreError(.corrupt, "decision \(id): scope \(other)")
        }
        let bounds = [
            try row.optionalString("start_including"), try row.optionalString("start_excluding"),
            try row.optionalString("end_including"), try row.optionalString("end_excluding"),
        ]
        let versions =
            bounds.allSatisfy({ $0 == nil })
            ? nil
            : VersionRange(
                startIncluding: bounds[0], startExcluding: bounds[1], endIncluding: bounds[2], endExcluding: bounds[3])
        do {
            return try Decision(
                id: id, cve: cve,
                product: ProductRef(vendor: try row.string("vendor"), product: try row.string("product")),
                versions: versions, scope: scope, outcome: try row.enumeration("outcome", as: Decision.Outcome.self),
                justification: try row.string("justification"), approver: try row.string("approver"),
                madeOn: try row.day("made_on"), expires: try row.optionalDay("expires"))
        } catch let error as DecisionError {
            throw StoreError(.corrupt, error.description)
        }
    }
}
