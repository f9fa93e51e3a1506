import AppCore
import Governance
import SQLKit
import Testing
import VulnModel

@testable import Storage

@Suite("Storage: findings")
struct FindingStoreTests {
    static func observation(_ host: String, _ cve: String, highRisk: Bool = true) -> FindingObservation {
        guard let id = CVEID(cve) else { preconditionFailure("fixture CVE \(cve)") }
        return FindingObservation(
            host: HostID(host), cve: id, cpe: "cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*", status: .affected,
            highRisk: highRisk, knownExploited: cve == "CVE-2021-41773"
        )
    }

    @Test("first and last seen across uploads, also when an older month arrives late", arguments: Engine.allCases)
    func sightings(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let march = try await fixture.receive("march").upload
            let april = try await fixture.receive("april", month: Fixture.april).upload
            let february = try await fixture.receive("february", month: Fixture.month(2024, 2)).upload
            let agency = Fixture.agencyA
            try await fixture.findings.record(
                [Self.observation("h1", "CVE-2021-41773"), Self.observation("h1", "CVE-2021-42013")],
                agency: agency, upload: march.id
            )
            try await fixture.findings.record(
                [Self.observation("h1", "CVE-2021-41773", highRisk: false), Self.observation("h2", "CVE-2023-25690")],
                agency: agency, upload: april.id
            )
            try await fixture.findings.record(
                [Self.observation("h1", "CVE-2021-41773")], agency: agency, upload: february.id)

            let found = try await fixture.findings.findings(agency: agency, host: nil)
            let byKey = Dictionary(
                uniqueKeysWithValues: found.map { ("\($0.observation.host) \($0.observation.cve)", $0) })
            #expect(found.count == 3)
            let kept = try #require(byKey["h1 CVE-2021-41773"])
            #expect(kept.firstSeen == StoredFinding.Sighting(upload: february.id, month: Fixture.month(2024, 2)))
            #expect(kept.lastSeen == StoredFinding.Sighting(upload: april.id, month: Fixture.april))
            // April's facts stand: the late February upload did not overwrite them.
            #expect(kept.observation.highRisk == false && kept.observation.knownExploited)
            let gone = try #require(byKey["h1 CVE-2021-42013"])
            #expect(gone.firstSeen.month == Fixture.march && gone.lastSeen.month == Fixture.march)
            let new = try #require(byKey["h2 CVE-2023-25690"])
            #expect(new.firstSeen.upload == april.id && new.lastSeen.upload == april.id)
            #expect(try await fixture.findings.findings(agency: agency, host: HostID("h2")).count == 1)
        }
    }

    @Test("findings stay with their agency", arguments: Engine.allCases)
    func tenantScoping(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let upload = try await fixture.receive("a").upload
            try await fixture.findings.record(
                [Self.observation("h1", "CVE-2021-41773")], agency: Fixture.agencyA, upload: upload.id)
            #expect(try await fixture.findings.findings(agency: Fixture.agencyB, host: nil).isEmpty)
            let kind = await storeErrorKind {
                try await fixture.findings.record(
                    [Self.observation("h9", "CVE-2021-41773")], agency: Fixture.agencyB, upload: upload.id
                )
            }
            #expect(kind == .notFound)
            #expect(try await fixture.count("findings") == 1)
        }
    }

    @Test("the supervisor's figures, counted by the database, equal counting every row", arguments: Engine.allCases)
    func figures(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let months = (1...4).map { Fixture.month(2024, $0) }
            // Agency A over four months: hosts come and go, one CVE stops being high-risk, one is fixed and back.
            let plan: [(Agency.ID, Int, [FindingObservation])] = [
                (
                    Fixture.agencyA, 0,
                    [Self.observation("h1", "CVE-2021-41773"), Self.observation("h2", "CVE-2021-42013")]
                ),
                (
                    Fixture.agencyA, 1,
                    [
                        Self.observation("h1", "CVE-2021-41773"), Self.observation("h3", "CVE-2021-41773"),
                        Self.observation("h3", "CVE-2023-25690", highRisk: false),
                    ]
                ),
                (
                    Fixture.agencyA, 3,
                    [Self.observation("h2", "CVE-2021-42013"), Self.observation("h3", "CVE-2023-25690")]
                ),
                (Fixture.agencyB, 1, [Self.observation("h9", "CVE-2021-41773")]),
            ]
            for (index, (agency, month, observations)) in plan.enumerated() {
                let upload = try await fixture.receive("\(index)", agency: agency, month: months[month]).upload
                try await fixture.findings.record(observations, agency: agency, upload: upload.id)
            }
            let latest = [Fixture.agencyA: months[3], Fixture.agencyB: months[1]]
            let figures = try await fixture.findings.figures(latest: latest, months: months)
            for (agency, month) in latest {
                let all = try await fixture.findings.findings(agency: agency, host: nil)
                let open = all.filter { $0.lastSeen.month == month }
                var expected = FindingFigures()
                expected.openHighRisk = Set(open.filter(\.observation.highRisk).map(\.observation.cve)).count
                expected.openKnownExploited =
                    Set(open.filter(\.observation.knownExploited).map(\.observation.cve)).count
                for window in months {
                    let present = all.filter {
                        $0.observation.highRisk && $0.firstSeen.month <= window && window <= $0.lastSeen.month
                    }
                    if !present.isEmpty { expected.highRiskByMonth[window] = Set(present.map(\.observation.cve)).count }
                }
                for finding in all where finding.lastSeen.month < month {
                    expected.gone[.init(first: finding.firstSeen.month, last: finding.lastSeen.month), default: 0] += 1
                }
                #expect(figures[agency] == expected, "\(agency)")
            }
            #expect(figures[Fixture.agencyA]?.gone.values.reduce(0, +) == 2)  // h1 and h3 lost CVE-2021-41773
            #expect(try await fixture.findings.figures(latest: [:], months: months).isEmpty)
        }
    }

    /// The three queries go from each agency to its own findings by the primary key. SQLite without statistics
    /// would otherwise pick an automatic index on the month alone and read every agency's findings of that month
    /// once per agency: 3.5 s for the 300 agencies of the simulated year, quadratic in them.
    @Test("the supervisor's figures read each agency's findings by its key, not through an automatic index")
    func figuresPlan() async throws {
        try await withDatabase(.sqlite) { backend in
            _ = try await Fixture(backend)
            // The plan depends on how many agencies are asked for (with two, the automatic index does not pay).
            let latest = Dictionary(
                uniqueKeysWithValues: (1...300).map {
                    (Fixture.oid("2.16.886.101.\(20000 + $0)"), $0 % 3 == 0 ? Fixture.march : Fixture.april)
                })
            let queries = [
                SQLFindingStore.openQuery(latest: latest), SQLFindingStore.goneQuery(latest: latest),
                SQLFindingStore.byMonthQuery(latest: latest, months: [Fixture.march, Fixture.april]),
            ]
            for query in queries {
                var explained = SQLQueryString("EXPLAIN QUERY PLAN ")
                explained += query
                let plan = try await backend.database.raw(explained).all().map {
                    try $0.decode(column: "detail", as: String.self)
                }
                #expect(plan.contains { $0.hasPrefix("SEARCH f ") && $0.hasSuffix("(agency_oid=?)") }, "\(plan)")
                #expect(!plan.contains { $0.contains("AUTOMATIC") }, "\(plan)")
            }
        }
    }
}
