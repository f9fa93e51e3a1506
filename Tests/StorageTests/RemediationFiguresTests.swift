import AppCore
import Governance
import Remediation
import Testing
import VulnModel

@testable import Storage

@Suite("Storage: the supervisor's remediation figures")
struct RemediationFiguresTests {
    static func day(_ text: String) -> Day { RemediationStoreTests.day(text) }

    @Test("open, KEV, overdue ages, time to remediate and uploads per month, rolled up", arguments: Engine.allCases)
    func figures(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let store = SQLRemediationStore(backend: backend)
            let high = FindingRisk(severity: .high, baseScore: 7.5)
            // A: KEV open, first seen 1 March (deadline 15 March); high open (deadline 30 April); one remediated
            // after 10 days. B: high open, first seen 1 January (deadline 1 March).
            var fixed = RemediationRecord(
                key: RemediationStoreTests.key("h3"), risk: high, firstSeen: Self.day("2024-03-01"))
            try fixed.apply(.claimRemediated(evidence: "patched"), on: Self.day("2024-03-11"), by: "alice")
            let records = [
                RemediationRecord(
                    key: RemediationStoreTests.key("h1"), risk: RemediationStoreTests.kevRisk,
                    firstSeen: Self.day("2024-03-01")),
                RemediationRecord(key: RemediationStoreTests.key("h2"), risk: high, firstSeen: Self.day("2024-03-01")),
                fixed,
                RemediationRecord(
                    key: RemediationStoreTests.key("b1", agency: Fixture.agencyB), risk: high,
                    firstSeen: Self.day("2024-01-01")),
            ]
            try await store.save(records.map { RemediationStoreTests.tracked($0) }, now: Fixture.t0)
            _ = try await fixture.receive("march")
            _ = try await fixture.receive("april", month: Fixture.april)
            _ = try await fixture.receive("february", agency: Fixture.agencyB, month: Fixture.month(2024, 2))

            let figures = try await SQLRemediationFigures(backend: backend).figures(
                on: Self.day("2024-04-10"), months: Fixture.march...Fixture.april)
            try #require(figures.map(\.agency) == [Fixture.agencyA, Fixture.agencyB])
            let a = figures[0]
            #expect(a.open == 2 && a.openKEV == 1 && a.overdue == 1 && a.maxOverdueDays == 26)
            #expect(a.remediated == 1 && a.meanDaysToRemediate == 10)
            #expect(a.uploads == [Fixture.march: 1, Fixture.april: 1])
            let b = figures[1]
            #expect(b.open == 1 && b.overdue == 1 && b.maxOverdueDays == 40 && b.uploads.isEmpty)

            let directory = try await fixture.agencies.directory()
            let byCounty = FiguresRollup.rollUp(figures, by: .localGovernment, directory: directory)
            #expect(byCounty.map(\.name) == ["central", "花蓮縣"])
            let national = FiguresRollup.rollUp(figures, by: .regionGroup, directory: directory)
            #expect(national.map(\.figures.overdue) == [1, 1])
            #expect(national.last?.figures.meanOverdueDays == 40)
        }
    }
}
