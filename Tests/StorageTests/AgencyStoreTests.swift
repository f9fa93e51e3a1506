import AppCore
import Governance
import Testing
import VulnModel

@testable import Storage

@Suite("Storage: agencies")
struct AgencyStoreTests {
    static func day(_ text: String) -> Day {
        guard let day = Day(iso8601: text) else { preconditionFailure("fixture day \(text)") }
        return day
    }

    static func history(_ items: [(SecurityLevel, String)]) -> LevelHistory {
        do {
            return try LevelHistory(items.map { LevelAssignment(level: $0.0, effective: day($0.1), reference: "院臺護字") })
        } catch { preconditionFailure("fixture history: \(error)") }
    }

    /// A ministry with an agency under it, and a county government with one of its agencies — saved children first,
    /// which the deferred supervisor reference allows.
    static let hualienGovernment = Fixture.oid("2.16.886.115.100")
    static let ministry = Fixture.oid("2.16.886.101.20003")
    static let directory: [Agency] = [
        Agency(
            id: Fixture.oid("2.16.886.101.20003.20006"), nameZh: "財政部賦稅署", tier: .central,
            supervisor: .agency(ministry), levels: history([(.c, "2021-09-01"), (.b, "2024-01-10")]),
            units: [Agency.Unit(code: "IT", nameZh: "資訊室", nameEn: "Information Office")], hasMailServer: true
        ),
        Agency(id: ministry, nameZh: "財政部", nameEn: "Ministry of Finance", tier: .central, supervisor: .nation),
        Agency(
            id: Fixture.oid("2.16.886.115.100.1"), nameZh: "花蓮縣消防局", tier: .countyCity,
            localGovernment: .hualien, supervisor: .agency(hualienGovernment), levels: history([(.c, "2020-03-01")])
        ),
        Agency(
            id: hualienGovernment, nameZh: "花蓮縣政府", tier: .countyCity, localGovernment: .hualien,
            supervisor: .nation, levels: history([(.b, "2019-01-01")]), governs: .hualien
        ),
    ]

    @Test("a directory saved in any order reads back as it was", arguments: Engine.allCases)
    func roundTrip(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            try await fixture.agencies.save(Self.directory)
            let stored = try await fixture.agencies.directory()
            for agency in Self.directory { #expect(stored[agency.id] == agency) }
            #expect(stored.all.count == Self.directory.count + 2)
            let under = try await fixture.agencies.subordinates(of: Self.ministry)
            #expect(under.map(\.nameZh) == ["財政部賦稅署"])
            // 花蓮縣 is in the Taipei group (Table 8); so is the fixture's 花蓮縣衛生局.
            let taipeiGroup = try await fixture.agencies.agencies(in: .taipei)
            #expect(Set(taipeiGroup.map(\.nameZh)) == ["花蓮縣消防局", "花蓮縣政府", "花蓮縣衛生局"])
            #expect(try await fixture.agencies.agencies(in: .kaohsiung).isEmpty)
        }
    }

    @Test("a level change adds to the history", arguments: Engine.allCases)
    func levelHistory(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            try await fixture.agencies.save(Self.directory)
            let id = Self.directory[0].id
            try await fixture.agencies.assignLevel(
                LevelAssignment(level: .a, effective: Self.day("2025-07-01")), to: id)
            let agency = try await fixture.agencies.agency(id)
            #expect(agency.levels.assignments.map(\.level) == [.c, .b, .a])
            #expect(agency.level(on: Self.day("2024-06-30")) == .b)
            let twice = await storeErrorKind {
                try await fixture.agencies.assignLevel(
                    LevelAssignment(level: .b, effective: Self.day("2025-07-01")), to: id)
            }
            #expect(twice == .conflict)
        }
    }

    @Test("a directory with a cycle or a missing supervisor is refused whole", arguments: Engine.allCases)
    func refused(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let a = Fixture.oid("2.16.886.500.1")
            let b = Fixture.oid("2.16.886.500.2")
            let cycle = [
                Agency(id: a, nameZh: "甲", tier: .central, supervisor: .agency(b)),
                Agency(id: b, nameZh: "乙", tier: .central, supervisor: .agency(a)),
            ]
            #expect(await storeErrorKind { try await fixture.agencies.save(cycle) } == .rejected)
            let orphan = [Agency(id: a, nameZh: "甲", tier: .central, supervisor: .agency(Fixture.oid("2.16.886.999")))]
            let kind = await storeErrorKind { try await fixture.agencies.save(orphan) }
            #expect(kind == .invalidReference || kind == .rejected)
            #expect(try await fixture.count("agencies") == 2)
            #expect(await storeErrorKind { _ = try await fixture.agencies.agency(a) } == .notFound)
        }
    }
}
