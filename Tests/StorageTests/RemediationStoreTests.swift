import AppCore
import Governance
import Remediation
import SQLKit
import Testing
import Versioning
import VulnModel

@testable import Storage

@Suite("Storage: remediation records, history and decisions")
struct RemediationStoreTests {
    static func day(_ text: String) -> Day {
        guard let day = Day(iso8601: text) else { preconditionFailure("fixture day \(text)") }
        return day
    }

    static func key(
        _ host: String = "h1", cve: String = "CVE-2021-41773", version: String = "2.4.49",
        agency: Agency.ID = Fixture.agencyA
    ) -> FindingKey {
        guard let id = CVEID(cve) else { preconditionFailure("fixture CVE \(cve)") }
        return FindingKey(
            agency: agency, host: HostID(host), cve: id,
            item: ItemVersion(product: ProductRef(vendor: "apache", product: "http_server"), version: version))
    }

    static func tracked(_ record: RemediationRecord, stored: Int? = nil) -> TrackedRemediation {
        TrackedRemediation(
            record: record, deadline: SLAPolicy.standard.deadline(for: record), lastMonth: Fixture.march,
            storedHistoryCount: stored)
    }

    static let kevRisk = FindingRisk(
        severity: .critical, baseScore: 9.8, isKEV: true, kevDateAdded: day("2021-11-03"),
        kevDueDate: day("2021-11-17"))

    @Test("a record round-trips with every field, its deadline and its history", arguments: Engine.allCases)
    func roundTrip(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            _ = try await Fixture(backend)
            let store = SQLRemediationStore(backend: backend)
            var record = RemediationRecord(key: Self.key(), risk: Self.kevRisk, firstSeen: Self.day("2024-03-05"))
            try await store.save([Self.tracked(record)], now: Fixture.t0)
            var loaded = try await store.record(Self.key())
            #expect(loaded.record == record && loaded.storedHistoryCount == 0)
            #expect(loaded.deadline == SLAPolicy.standard.deadline(for: record))

            try record.apply(
                .plan(measure: "升級至 2.4.51 \"now\"", owner: "資訊室", targetDate: Self.day("2024-03-20")),
                on: Self.day("2024-03-06"), by: "alice")
            try record.apply(.addEvidence("ticket #1\nline two"), on: Self.day("2024-03-07"), by: "alice")
            try record.apply(
                .acceptRisk(RiskAcceptance(approver: "CISO", reason: "legacy", expires: Self.day("2024-06-01"))),
                on: Self.day("2024-03-08"), by: "bob")
            try await store.save([Self.tracked(record, stored: 0)], now: Fixture.later(5))
            loaded = try await store.record(Self.key())
            #expect(loaded.record == record)
            #expect(loaded.storedHistoryCount == 3)
            #expect(loaded.record.history.map(\.action) == ["plan", "add_evidence", "accept_risk"])
            #expect(loaded.deadline?.pausedDays ?? 0 > 0)
            #expect(try await store.records(in: [.riskAccepted]).map(\.key) == [Self.key()])
            #expect(try await store.records(in: [.open, .planned]).isEmpty)
        }
    }

    @Test("history is append-only in the database, and a stale save is a conflict", arguments: Engine.allCases)
    func appendOnlyAndConflicts(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let store = SQLRemediationStore(backend: backend)
            let created = RemediationRecord(key: Self.key(), risk: Self.kevRisk, firstSeen: Self.day("2024-03-05"))
            try await store.save([Self.tracked(created)], now: Fixture.t0)
            let twice = await storeErrorKind { try await store.save([Self.tracked(created)], now: Fixture.t0) }
            #expect(twice == .conflict)
            var record = created
            try record.apply(.addEvidence("a"), on: Self.day("2024-03-06"), by: "alice")
            try await store.save([Self.tracked(record, stored: 0)], now: Fixture.t0)
            // A second writer that read the record before the first saved.
            var stale = RemediationRecord(key: Self.key(), risk: Self.kevRisk, firstSeen: Self.day("2024-03-05"))
            try stale.apply(.addEvidence("b"), on: Self.day("2024-03-06"), by: "mallory")
            let other = stale
            let newRecord = RemediationRecord(
                key: Self.key("h2"), risk: Self.kevRisk, firstSeen: Self.day("2024-03-05"))
            let kind = await storeErrorKind {
                try await store.save([Self.tracked(newRecord), Self.tracked(other, stored: 0)], now: Fixture.t0)
            }
            #expect(kind == .conflict)
            // Nothing of the failed save remains.
            #expect(try await store.records(agency: Fixture.agencyA, host: nil).map(\.key) == [Self.key()])
            #expect(try await store.record(Self.key()).record.evidence == ["a"])
            let statements: [SQLQueryString] = [
                "UPDATE remediation_history SET actor = 'someone else'", "DELETE FROM remediation_history",
            ]
            for statement in statements {
                let refused = await storeErrorKind {
                    try await backend.run("tampering") { try await backend.database.raw(statement).run() }
                }
                #expect(refused == .rejected)
            }
            #expect(try await fixture.count("remediation_history") == 1)
        }
    }

    @Test("records stay with their agency", arguments: Engine.allCases)
    func tenantScoping(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            _ = try await Fixture(backend)
            let store = SQLRemediationStore(backend: backend)
            let record = RemediationRecord(key: Self.key(), risk: Self.kevRisk, firstSeen: Self.day("2024-03-05"))
            try await store.save([Self.tracked(record)], now: Fixture.t0)
            #expect(try await store.records(agency: Fixture.agencyB, host: nil).isEmpty)
            let elsewhere = await storeErrorKind { _ = try await store.record(Self.key(agency: Fixture.agencyB)) }
            #expect(elsewhere == .notFound)
            let unknown = try Agency.ID("2.16.886.101.99999")
            let orphan = RemediationRecord(
                key: Self.key(agency: unknown), risk: Self.kevRisk, firstSeen: Self.day("2024-03-05"))
            #expect(await storeErrorKind { try await store.save([Self.tracked(orphan)], now: Fixture.t0) } != nil)
        }
    }

    @Test("decisions round-trip with their range, scope and expiry", arguments: Engine.allCases)
    func decisions(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            _ = try await Fixture(backend)
            let store = SQLRemediationStore(backend: backend)
            let cve = try #require(CVEID("CVE-2021-41773"))
            let product = ProductRef(vendor: "apache", product: "http_server")
            let decisions = [
                try Decision(
                    id: Decision.ID("d1"), cve: cve, product: product,
                    versions: VersionRange(
                        startIncluding: "2.4.0", startExcluding: nil, endIncluding: nil, endExcluding: "2.4.51"),
                    scope: .host(HostRef(agency: Fixture.agencyA, host: HostID("h1"))), outcome: .riskAccepted,
                    justification: "isolated", approver: "CISO", madeOn: Self.day("2024-03-01"),
                    expires: Self.day("2024-09-01")),
                try Decision(
                    id: Decision.ID("d2"), cve: cve, product: product, versions: nil, scope: .national,
                    outcome: .falsePositive, justification: "backport", approver: "ACS",
                    madeOn: Self.day("2024-03-01"), expires: nil),
                try Decision(
                    id: Decision.ID("d3"), cve: cve, product: product,
                    versions: VersionRange(exactly: Version("2.4.49")), scope: .agency(Fixture.agencyB),
                    outcome: .mitigated, justification: "WAF rule", approver: "CISO", madeOn: Self.day("2024-03-01"),
                    expires: nil),
            ]
            for decision in decisions { try await store.saveDecision(decision, now: Fixture.t0) }
            #expect(try await store.decisions() == decisions)
            #expect(await storeErrorKind { try await store.saveDecision(decisions[0], now: Fixture.t0) } == .conflict)
            let malformed = try Decision(
                id: Decision.ID("d4"), cve: cve, product: product,
                versions: VersionRange(startIncluding: "1", startExcluding: "2", endIncluding: nil, endExcluding: nil),
                scope: .national, outcome: .falsePositive, justification: "x", approver: "y",
                madeOn: Self.day("2024-03-01"), expires: nil)
            #expect(await storeErrorKind { try await store.saveDecision(malformed, now: Fixture.t0) } == .rejected)
        }
    }
}
