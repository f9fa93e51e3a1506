import AppCore
import Foundation
import Governance
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Remediation
import Storage
import Testing
import VulnModel

/// `/api/v1/remediation` (issue 5 §1): an agency's records, overdue first with the facts to act on, one record
/// with its history, and actions through the desk, audited under the signed-in person; other tenants see 404.
@Suite("Remediation records over the API, in process, on SQLite")
struct RemediationAPITests {
    static let own: Agency.ID = {
        do { return try Agency.ID(DemoAgency.oid) } catch { preconditionFailure("\(error)") }
    }()

    /// A KEV-listed Firefox finding first seen in January (overdue by the harness's 1 November 2026) and a recent
    /// finding that is not.
    static func seed(_ backend: Backend) async throws -> (overdue: FindingKey, recent: FindingKey) {
        func record(_ host: String, _ cve: String, _ product: String, _ version: String, _ seen: String, kev: Bool)
            throws -> RemediationRecord
        {
            let parts = product.split(separator: ":").map(String.init)
            return RemediationRecord(
                key: FindingKey(
                    agency: own, host: HostID(host), cve: try #require(CVEID(cve)),
                    item: ItemVersion(product: ProductRef(vendor: parts[0], product: parts[1]), version: version)),
                risk: FindingRisk(
                    severity: .critical, baseScore: 9.8, isKEV: kev,
                    kevDateAdded: kev ? Day(iso8601: "2024-10-15") : nil),
                firstSeen: try #require(Day(iso8601: seen)))
        }
        let overdue = try record("pc-0001", "CVE-2024-9680", "mozilla:firefox", "118.0", "2026-01-05", kev: true)
        let recent = try record("srv-01/a", "CVE-1999-0236", "apache:http_server", "1.3", "2026-10-20", kev: false)
        try await SQLRemediationStore(backend: backend).save(
            [overdue, recent].map {
                TrackedRemediation(
                    record: $0, deadline: SLAPolicy.standard.deadline(for: $0),
                    lastMonth: ReportingMonth(year: 2026, month: 10)!, storedHistoryCount: nil)
            }, now: ServiceHarness.now)
        return (overdue.key, recent.key)
    }

    static func json(_ token: String) -> HTTPFields {
        var fields = AuthAPITests.bearer(token)
        fields[.contentType] = "application/json"
        return fields
    }

    @Test("the list is overdue first with KEV, EPSS and links; actions are audited; refusals name the field")
    func listDetailAndActions() async throws {
        try await ServiceHarness.with { harness in
            let keys = try await Self.seed(harness.backend)
            try await SQLAgencyStore(backend: harness.backend).save([
                Agency(id: AuthAPITests.otherAgency, nameZh: "花蓮縣衛生局", tier: .countyCity, supervisor: .nation)
            ])
            let invitations = [
                try await AuthAPITests.invite(harness, .agencyOperator, .agency(Self.own)),
                try await AuthAPITests.invite(
                    harness, .agencyAdministrator, .agency(AuthAPITests.otherAgency), name: "陳"),
                try await AuthAPITests.invite(harness, .readOnly, .agency(Self.own), name: "林"),
            ]
            try await harness.application().test(.router) { client in
                var tokens: [String] = []
                for invitation in invitations {
                    var authenticator = try await AuthAPITests.enrol(client, invitation: invitation)
                    let login = try await AuthAPITests.signIn(client, &authenticator)
                    tokens.append(try #require(login.body.object["token"] as? String))
                }
                let (operator_, stranger, reader) = (tokens[0], tokens[1], tokens[2])
                let list = "/api/v1/remediation?agency=\(DemoAgency.oid)"

                let listed = try await client.execute(uri: list, method: .get, headers: AuthAPITests.bearer(reader))
                #expect(listed.status == .ok)
                let records = try #require(listed.body.object["records"] as? [[String: Any]])
                #expect(records.map { $0["cve"] as? String } == ["CVE-2024-9680", "CVE-1999-0236"])
                let first = records[0]
                // KEV listed 2024-10-15, before first sight: 14 days from 2026-01-05.
                #expect(first["deadline"] as? String == "2026-01-19")
                #expect(first["deadlineBasis"] as? String == "kev")
                #expect(first["daysOverdue"] as? Int == 286)
                #expect(first["kev"] as? Bool == true)
                #expect(first["kevDueDate"] as? String == "2024-11-05")
                #expect(first["epss"] as? Double == 0.23184)
                #expect(first["fixedVersions"] as? [String] == ["131.0.2"])
                #expect(((first["links"] as? [[String: Any]]) ?? []).isEmpty == false)
                #expect(first["key"] as? String == keys.overdue.token)
                #expect(records[1]["daysOverdue"] == nil && records[1]["deadlineBasis"] as? String == "first_seen")

                let overdueOnly = try await client.execute(
                    uri: list + "&overdue=true", method: .get, headers: AuthAPITests.bearer(reader))
                #expect((overdueOnly.body.object["records"] as? [Any])?.count == 1)

                for path in [list, "/api/v1/remediation/\(keys.overdue.token)", "/api/v1/remediation/bm90LWEta2V5"] {
                    let refused = try await client.execute(
                        uri: path, method: .get, headers: AuthAPITests.bearer(stranger))
                    #expect(refused.status == .notFound, "\(path)")
                    #expect(!String(buffer: refused.body).contains("CVE-2024-9680"))
                }

                let actions = "/api/v1/remediation/\(keys.overdue.token)/actions"
                let plan = #"{"action":"plan","measure":"m","owner":"o","targetDate":"2026-12-01"}"#
                let cases: [(token: String, body: String, status: HTTPResponse.Status, field: String?)] = [
                    (reader, plan, .forbidden, nil),
                    (stranger, plan, .notFound, nil),
                    (
                        operator_, plan.replacingOccurrences(of: #""owner":"o","#, with: ""), .unprocessableContent,
                        "owner"
                    ),
                    (
                        operator_, plan.replacingOccurrences(of: "2026-12-01", with: "2026-10-01"),
                        .unprocessableContent,
                        "targetDate"
                    ),
                    (operator_, plan.replacingOccurrences(of: "2026-12-01", with: "1 Dec"), .badRequest, "targetDate"),
                    (operator_, #"{"action":"reopen","reason":"why"}"#, .conflict, "action"),
                    (
                        operator_, #"{"action":"accept_risk","approver":"CISO","reason":"r"}"#, .unprocessableContent,
                        "expires"
                    ),
                ]
                for (token, body, status, field) in cases {
                    let refused = try await client.execute(
                        uri: actions, method: .post, headers: Self.json(token), body: ByteBuffer(string: body))
                    #expect(refused.status == status, "\(body)")
                    #expect(refused.headers[.contentType] == "application/problem+json", "\(body)")
                    if let field { #expect(refused.body.object["field"] as? String == field, "\(body)") }
                }

                let planned = try await client.execute(
                    uri: actions, method: .post, headers: Self.json(operator_),
                    body: ByteBuffer(
                        string: plan.replacingOccurrences(of: #""m""#, with: #""upgrade to 131""#)
                            .replacingOccurrences(of: #""o""#, with: #""資訊室""#)))
                #expect(planned.status == .ok)
                let record = try #require(planned.body.object["record"] as? [String: Any])
                #expect(record["state"] as? String == "planned")
                #expect(record["owner"] as? String == "資訊室" && record["targetDate"] as? String == "2026-12-01")
                #expect(record["measure"] as? String == "upgrade to 131")
                let history = try #require(planned.body.object["history"] as? [[String: Any]])
                #expect(history.count == 1)
                #expect(history.first?["action"] as? String == "plan" && history.first?["to"] as? String == "planned")
                let actor = try #require(history.first?["actor"] as? String)
                #expect(actor.hasPrefix("user:"))

                let detail = try await client.execute(
                    uri: "/api/v1/remediation/\(keys.overdue.token)", method: .get,
                    headers: AuthAPITests.bearer(reader))
                #expect(detail.status == .ok)
                #expect((detail.body.object["history"] as? [Any])?.count == 1)

                let audit = try await SQLAuditLog(backend: harness.backend).entries(
                    agency: Self.own, after: nil, limit: 100)
                let entry = try #require(audit.first { $0.action == "remediation.plan" })
                #expect(entry.actor == actor && entry.subject == keys.overdue.description)
                #expect(audit.filter { $0.action.hasPrefix("remediation.") }.count == 1)
            }
        }
    }
}
