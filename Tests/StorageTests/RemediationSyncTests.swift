import AppCore
import Governance
import Remediation
import Synchronization
import Testing
import VulnModel

@testable import Storage

/// `RemediationSync` on the SQL store: what the worker's hook does after each upload's findings are recorded.
@Suite("Remediation sync over the SQL store")
struct RemediationSyncTests {
    static func at(daysAfterT0 days: Int64) -> Timestamp { Fixture.later(days * 86_400) }

    static func observation(
        _ host: String, _ cve: String, version: String = "2.4.49", highRisk: Bool = true, kev: Bool = false
    ) -> FindingObservation {
        guard let id = CVEID(cve) else { preconditionFailure("fixture CVE \(cve)") }
        return FindingObservation(
            host: HostID(host), cve: id, cpe: "cpe:2.3:a:apache:http_server:\(version):*:*:*:*:*:*:*",
            status: .affected, highRisk: highRisk, knownExploited: kev)
    }

    struct Facts: RiskFacts {
        func risk(of cve: CVEID) -> FindingRisk? {
            cve.description == "CVE-2021-41773"
                ? FindingRisk(
                    severity: .high, baseScore: 7.5, isKEV: true,
                    kevDateAdded: RemediationStoreTests.day("2021-11-03"),
                    kevDueDate: RemediationStoreTests.day("2021-11-17"))
                : nil
        }
    }

    @Test("records, deadlines, verification, reappearance, decisions and late months", arguments: Engine.allCases)
    func lifecycle(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let store = SQLRemediationStore(backend: backend)
            let sync = RemediationSync(store: store, riskFacts: Facts(), audit: fixture.audit)
            let agency = Fixture.agencyA
            let upload = Upload.ID("u")
            let hosts: Set<HostID> = [HostID("h1"), HostID("h2"), HostID("h3")]

            // March, processed on 2024-04-01: two high-risk findings get records; the low one does not.
            var outcome = try await sync.sync(
                agency: agency, upload: upload, month: Fixture.march,
                observations: [
                    Self.observation("h1", "CVE-2021-41773"), Self.observation("h1", "CVE-2021-40438", highRisk: false),
                    Self.observation("h2", "CVE-2023-25690"),
                    FindingObservation(
                        host: HostID("h3"), cve: try #require(CVEID("CVE-2023-0001")),
                        cpe: "cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*", status: .affected, highRisk: true,
                        knownExploited: false),
                ],
                hosts: hosts, now: Fixture.t0)
            #expect(outcome.created.count == 2 && outcome.unversioned.count == 1)
            let kevRecord = try await store.record(RemediationStoreTests.key())
            // KEV 14 days from first seen (the KEV due date predates the finding and is ignored).
            #expect(kevRecord.deadline?.day == RemediationStoreTests.day("2024-04-15"))
            #expect(kevRecord.record.risk.isKEV)
            let other = try await store.record(RemediationStoreTests.key("h2", cve: "CVE-2023-25690"))
            #expect(other.deadline?.day == RemediationStoreTests.day("2024-05-31"))  // high: 60 days

            // An agency-wide false-positive decision for h2's CVE.
            let desk = RemediationDesk(store: store, audit: fixture.audit)
            let decision = try Decision(
                id: Decision.ID("fp-25690"), cve: try #require(CVEID("CVE-2023-25690")),
                product: ProductRef(vendor: "apache", product: "http_server"), versions: nil, scope: .agency(agency),
                outcome: .falsePositive, justification: "mod_proxy not enabled", approver: "CISO",
                madeOn: RemediationStoreTests.day("2024-04-02"), expires: nil)
            let closed = try await desk.decide(decision, by: "ciso", now: Self.at(daysAfterT0: 1))
            #expect(closed.map(\.record.state) == [.falsePositive])

            // April, processed 2024-05-01: h1 upgraded (its item is gone) → remediated (verified); h2 is not in the
            // upload, which proves nothing; h3 now has h2's CVE, which the decision closes on arrival.
            outcome = try await sync.sync(
                agency: agency, upload: upload, month: Fixture.april,
                observations: [
                    Self.observation("h1", "CVE-2024-0001", version: "2.4.51", highRisk: false),
                    Self.observation("h3", "CVE-2023-25690"),
                ],
                hosts: [HostID("h1"), HostID("h3")], now: Self.at(daysAfterT0: 30))
            #expect(outcome.verified == [RemediationStoreTests.key()])
            #expect(outcome.closedByDecision == [RemediationStoreTests.key("h3", cve: "CVE-2023-25690")])
            let verified = try await store.record(RemediationStoreTests.key())
            #expect(verified.record.statusLabel == "remediated (verified)" && verified.lastMonth == Fixture.april)

            // May, processed 2024-06-01: the old version is back on h1 → reopened and flagged, with a fresh clock.
            let may = Fixture.month(2024, 5)
            outcome = try await sync.sync(
                agency: agency, upload: upload, month: may, observations: [Self.observation("h1", "CVE-2021-41773")],
                hosts: [HostID("h1")], now: Self.at(daysAfterT0: 61))
            #expect(outcome.reopened == [RemediationStoreTests.key()])
            let reopened = try await store.record(RemediationStoreTests.key())
            #expect(reopened.record.state == .open && reopened.record.reappeared)
            #expect(reopened.deadline?.clockStart == RemediationStoreTests.day("2024-06-01"))
            // The daily run plans from the stored deadlines: the same as computing them from each record's history.
            let active = try await store.records(in: [.open, .planned]).map(\.record)
            let stored = try await store.deadlines(in: [.open, .planned])
            #expect(stored == ReminderPlanner().due(active) && stored.map(\.key).contains(RemediationStoreTests.key()))
            #expect(stored.first { $0.key == RemediationStoreTests.key() }?.deadline == reopened.deadline?.day)

            // February arriving late (processed 2024-06-05) without the version: May's observation stands.
            outcome = try await sync.sync(
                agency: agency, upload: upload, month: Fixture.month(2024, 2), observations: [],
                hosts: [HostID("h1")], now: Self.at(daysAfterT0: 65))
            #expect(outcome.verified.isEmpty && outcome.saved == 0)
            #expect(try await store.record(RemediationStoreTests.key()).record.state == .open)

            // The agency acts; the state machine refuses what it must, and every accepted act is audited.
            let key = RemediationStoreTests.key()
            do {
                _ = try await desk.markFalsePositive(
                    key, justification: " ", by: "alice", now: Self.at(daysAfterT0: 66))
                Issue.record("a blank justification must be refused")
            } catch let error as RemediationError {
                #expect(error.problem == .missingField("justification"))
            }
            _ = try await desk.acceptRisk(
                key,
                RiskAcceptance(
                    approver: "CISO", reason: "vendor patch pending", expires: RemediationStoreTests.day("2024-07-01")),
                by: "alice", now: Self.at(daysAfterT0: 66))
            let accepted = try await store.record(key)
            #expect(accepted.record.state == .riskAccepted && accepted.record.riskAcceptance?.approver == "CISO")
            #expect(try await store.deadlines(in: [.open, .planned]).map(\.key).contains(key) == false)
            let actions = try await fixture.audit.entries(agency: agency, after: nil, limit: 100).map(\.action)
            #expect(actions.filter { $0 == "remediation.synced" }.count == 4)
            #expect(actions.contains("decision.made") && actions.last == "remediation.accept_risk")
        }
    }

    @Test(
        "a partial re-match (no hosts) adds records but verifies nothing; a repeated call changes nothing",
        arguments: Engine.allCases)
    func partialRematchAndRetry(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            _ = try await Fixture(backend)
            let store = SQLRemediationStore(backend: backend)
            let sync = RemediationSync(store: store, riskFacts: Facts())
            let agency = Fixture.agencyA
            let march = [Self.observation("h1", "CVE-2021-41773")]
            for _ in 0..<2 {
                try await sync.sync(
                    agency: agency, upload: Upload.ID("u1"), month: Fixture.march, observations: march,
                    hosts: [HostID("h1")], now: Fixture.t0)
            }
            #expect(try await store.record(RemediationStoreTests.key()).record.history.isEmpty)
            // A feed change re-matches only tomcat: h1's httpd record must not count as fixed.
            let tomcat = FindingObservation(
                host: HostID("h1"), cve: try #require(CVEID("CVE-2020-1938")),
                cpe: "cpe:2.3:a:apache:tomcat:9.0.30:*:*:*:*:*:*:*", status: .affected, highRisk: true,
                knownExploited: false)
            let outcome = try await sync.sync(
                agency: agency, upload: Upload.ID("u1"), month: Fixture.march, observations: [tomcat], hosts: [],
                now: Self.at(daysAfterT0: 3))
            #expect(outcome.created.count == 1 && outcome.verified.isEmpty)
            #expect(try await store.record(RemediationStoreTests.key()).record.state == .open)
            #expect(try await store.records(agency: agency, host: HostID("h1")).count == 2)
        }
    }

    /// A store whose first save lets a rival sync of the same agency save first, as another worker would.
    final class RacedStore: RemediationStore {
        let base: SQLRemediationStore
        let rival: @Sendable () async throws -> Void
        let raced = Mutex(false)

        init(base: SQLRemediationStore, rival: @escaping @Sendable () async throws -> Void) {
            self.base = base
            self.rival = rival
        }

        func records(agency: Agency.ID, host: HostID?) async throws(StoreError) -> [TrackedRemediation] {
            try await base.records(agency: agency, host: host)
        }
        func record(_ key: FindingKey) async throws(StoreError) -> TrackedRemediation { try await base.record(key) }
        func records(in states: Set<RemediationState>) async throws(StoreError) -> [TrackedRemediation] {
            try await base.records(in: states)
        }
        func deadlines(in states: Set<RemediationState>) async throws(StoreError) -> [DueRemediation] {
            try await base.deadlines(in: states)
        }
        func save(_ records: [TrackedRemediation], now: Timestamp) async throws(StoreError) {
            if !raced.withLock({ raced in
                defer { raced = true }
                return raced
            }) {
                do { try await rival() } catch { throw StoreError(.unavailable, "the rival failed: \(error)") }
            }
            try await base.save(records, now: now)
        }
        func saveDecision(_ decision: Decision, now: Timestamp) async throws(StoreError) {
            try await base.saveDecision(decision, now: now)
        }
        func decisions() async throws(StoreError) -> [Decision] { try await base.decisions() }
    }

    /// A store whose first save a rival sync of agency A's March upload beats, the sync under test on top of it (its
    /// April upload of the same host and CVE), and the plain store to check the outcome in.
    static func race(_ backend: Backend) async throws -> (store: SQLRemediationStore, raced: RemediationSync) {
        _ = try await Fixture(backend)
        let store = SQLRemediationStore(backend: backend)
        let rival: @Sendable () async throws -> Void = {
            try await RemediationSync(store: store, riskFacts: Facts()).sync(
                agency: Fixture.agencyA, upload: Upload.ID("u1"), month: Fixture.march,
                observations: raceObservations, hosts: [HostID("h1")], now: Fixture.t0)
        }
        return (store, RemediationSync(store: RacedStore(base: store, rival: rival), riskFacts: Facts()))
    }

    static let raceObservations = [observation("h1", "CVE-2021-41773")]

    @Test("a sync that loses the race to another of the same agency reads again and saves", arguments: Engine.allCases)
    func lostRace(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            // Without reading again, the loser's save is the conflict the worker would fail the job with.
            let once = try await Self.race(backend).raced
            await #expect(throws: StoreError.self) {
                try await once.sync(
                    agency: Fixture.agencyA, upload: Upload.ID("u2"), month: Fixture.april,
                    observations: Self.raceObservations, hosts: [HostID("h1")], now: Self.at(daysAfterT0: 30))
            }
        }
        try await withDatabase(engine) { backend in
            let (store, retrying) = try await Self.race(backend)
            try await retrying.findingsRecorded(
                agency: Fixture.agencyA, upload: Upload.ID("u2"), month: Fixture.april,
                observations: Self.raceObservations, hosts: [HostID("h1")], now: Self.at(daysAfterT0: 30))
            let record = try await store.record(RemediationStoreTests.key())
            #expect(record.record.state == .open)
            #expect(record.lastMonth == Fixture.april)
        }
    }
}
