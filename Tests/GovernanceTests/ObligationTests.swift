import Foundation
import Governance
import TestSupport
import Testing
import VulnModel

/// R4–R8: obligations as versioned data, generated per agency from its level and level date, with status.
@Suite struct ObligationTests {
    static func catalogue() throws -> ObligationCatalogue {
        let url = SharedData.packageRoot.appendingPathComponent("Data/governance/obligations.json")
        return try ObligationCatalogue(json: [UInt8](try Data(contentsOf: url)))
    }

    static func agency(_ level: SecurityLevel, approved: String, kind: Agency.Kind = .public) -> Agency {
        Agency(
            id: oid("2.16.886.800.1"), nameZh: "測試機關", tier: .central, kind: kind, supervisor: .nation,
            levels: (try? LevelHistory([LevelAssignment(level: level, effective: day(approved))])) ?? .empty)
    }

    static let noFacts = AgencyFacts(hasMailServer: false, hasExternalCoreSystem: false)

    static func obligation(
        _ code: String, level: SecurityLevel, approved: String, version: String = "2021", facts: AgencyFacts = noFacts
    ) throws -> AgencyObligation? {
        let generator = ObligationGenerator(version: try #require(try catalogue().version(id: version)))
        return generator.obligations(for: agency(level, approved: approved), facts: facts, on: day("2026-06-01"))
            .first { $0.code == code }
    }

    @Test func bothVersionsLoadWithSources() throws {
        let catalogue = try Self.catalogue()
        #expect(catalogue.versions.map(\.id) == ["2021", "2025"])
        #expect(catalogue.versions.allSatisfy { !$0.sourceURL.isEmpty && !$0.items.isEmpty })
        // The 2025 revision's effective date is unknown, so it is never picked by date.
        #expect(catalogue.version(on: day("2026-06-01"))?.id == "2021")
        #expect(catalogue.version(on: day("2020-01-01")) == nil)
    }

    /// R5's examples.
    @Test(arguments: [
        ("vans", SecurityLevel.c, "2024-01-10", "2021", "2026-01-10"),
        ("vans", .a, "2024-01-10", "2021", "2025-01-10"),
        ("edr", .b, "2024-02-29", "2021", "2026-02-28"),
        ("edr", .b, "2024-01-10", "2025", "2025-01-10"),
        ("system-classification", .c, "2024-01-10", "2025", "2026-01-10"),
        ("internal-audit", .c, "2024-01-10", "2021", "2026-01-10"),
    ])
    func dueDatesCountFromTheLevelDate(
        code: String, level: SecurityLevel, approved: String, version: String, due: String
    )
        throws
    {
        #expect(try Self.obligation(code, level: level, approved: approved, version: version)?.dueDate == day(due))
    }

    /// A level change generates a new set whose deadlines count from the change date.
    @Test func aLevelChangeRestartsTheDeadlines() throws {
        var agency = Self.agency(.c, approved: "2020-01-01")
        agency.levels = try agency.levels.adding(LevelAssignment(level: .b, effective: day("2024-07-01")))
        let generator = ObligationGenerator(version: try #require(try Self.catalogue().version(id: "2021")))
        let before = generator.obligations(for: agency, facts: Self.noFacts, on: day("2024-06-30"))
        let after = generator.obligations(for: agency, facts: Self.noFacts, on: day("2024-07-01"))
        #expect(before.first { $0.code == "vans" }?.dueDate == day("2022-01-01"))
        #expect(before.first { $0.code == "edr" } == nil)
        #expect(after.first { $0.code == "vans" }?.dueDate == day("2025-07-01"))
        #expect(after.first { $0.code == "edr" }?.dueDate == day("2026-07-01"))
        #expect(after.allSatisfy { $0.level == .b && $0.levelEffective == day("2024-07-01") })
    }

    @Test(arguments: [("edr", SecurityLevel.c), ("vans", .d), ("soc", .c), ("dedicated-staff", .e)])
    func itemsALevelDoesNotHaveAreNotGenerated(code: String, level: SecurityLevel) throws {
        #expect(try Self.obligation(code, level: level, approved: "2024-01-10") == nil)
    }

    /// A CI provider gets the VANS item of its own table, not the public agencies' items.
    @Test func specificNonPublicAgenciesGetTheirOwnItems() throws {
        let generator = ObligationGenerator(version: try #require(try Self.catalogue().version(id: "2021")))
        let items = generator.obligations(
            for: Self.agency(.b, approved: "2024-01-10", kind: .ciProvider), facts: Self.noFacts, on: day("2025-01-01"))
        #expect(items.map(\.code) == ["vans"])
    }

    /// R7: email filtering only with a mail server, WAF only with an external-facing core system.
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func conditionalItems(mail: Bool, external: Bool) throws {
        let facts = AgencyFacts(hasMailServer: mail, hasExternalCoreSystem: external)
        let email = try #require(
            try Self.obligation("protection-email-filtering", level: .a, approved: "2024-01-10", facts: facts))
        let waf = try #require(try Self.obligation("protection-waf", level: .a, approved: "2024-01-10", facts: facts))
        #expect((email.status(evidence: [], on: day("2026-01-01")) == .notApplicable) == !mail)
        #expect((waf.status(evidence: [], on: day("2026-01-01")) == .notApplicable) == !external)
    }

    @Test func externalFacingCoreSystemsAreFoundFromSystems() {
        let agency = Self.agency(.a, approved: "2024-01-10")
        let web = InfoSystem(
            id: InfoSystem.ID("web"), agency: agency.id, name: "全球資訊網", isCore: true, externalFacing: true, hosts: [])
        var intranet = web
        intranet.externalFacing = false
        #expect(AgencyFacts(agency: agency, systems: [web]).hasExternalCoreSystem)
        #expect(!AgencyFacts(agency: agency, systems: [intranet]).hasExternalCoreSystem)
    }

    /// R6 statuses from evidence and dates.
    @Test(arguments: [
        ("vans", [ObligationEvidence](), "2025-06-01", ObligationStatus.notStarted),
        (
            "vans", [.init(code: "vans", day: day("2025-03-01"), kind: .started, note: "contract")], "2025-06-01",
            .inProgress
        ),
        (
            "vans", [.init(code: "vans", day: day("2025-03-01"), kind: .started, note: "contract")], "2026-01-11",
            .overdue
        ),
        (
            "vans", [.init(code: "vans", day: day("2025-12-01"), kind: .done, note: "onboarded")], "2026-06-01",
            .compliant
        ),
        ("vans", [.init(code: "vans", day: day("2026-12-01"), kind: .done, note: "future")], "2026-06-01", .overdue),
        (
            "internal-audit", [.init(code: "internal-audit", day: day("2025-05-01"), kind: .done, note: "report")],
            "2026-06-01", .compliant
        ),
        (
            "internal-audit", [.init(code: "internal-audit", day: day("2023-05-01"), kind: .done, note: "report")],
            "2026-06-01", .overdue
        ),
        (
            "dedicated-staff", [.init(code: "dedicated-staff", day: day("2024-06-01"), kind: .count(1), note: "1 FTE")],
            "2026-06-01", .compliant
        ),
        (
            "dedicated-staff",
            [.init(code: "dedicated-staff", day: day("2024-06-01"), kind: .count(0), note: "vacant")], "2026-06-01",
            .overdue
        ),
    ])
    func statuses(code: String, evidence: [ObligationEvidence], today: String, expected: ObligationStatus) throws {
        let obligation = try #require(try Self.obligation(code, level: .c, approved: "2024-01-10"))
        #expect(obligation.status(evidence: evidence, on: day(today)) == expected)
    }

    /// R8: a general user with 2 h is non-compliant against the 3 h rule; professional hours do not count as general.
    @Test(arguments: [
        ("training-general", [(2.0, TrainingRecord.Kind.general)], false),
        ("training-general", [(3.0, .general)], true),
        ("training-general", [(2.0, .general), (6.0, .professional)], false),
        ("training-security-staff", [(12.0, .professional)], true),
        ("training-security-staff", [(11.5, .professional), (3.0, .general)], false),
        ("training-it-staff", [(3.0, .general), (3.0, .professional)], true),
        ("training-it-staff", [(3.0, .general)], false),
    ])
    func trainingHours(code: String, hours: [(Double, TrainingRecord.Kind)], compliant: Bool) throws {
        let obligation = try #require(try Self.obligation(code, level: .b, approved: "2024-01-10"))
        let rule = try #require(obligation.template.training)
        let records = hours.map { TrainingRecord(day: day("2025-05-01"), hours: $0.0, kind: $0.1, course: "課程") }
        #expect(rule.check(records, year: 2025).isCompliant == compliant)
    }

    /// IT staff's professional hours count over two years.
    @Test func professionalHoursSpanTheirPeriod() throws {
        let rule = try #require(
            try Self.obligation("training-it-staff", level: .b, approved: "2024-01-10")?.template.training)
        let records = [
            TrainingRecord(day: day("2024-09-01"), hours: 3, kind: .professional, course: "滲透測試"),
            TrainingRecord(day: day("2025-02-01"), hours: 3, kind: .general, course: "通識"),
        ]
        #expect(rule.check(records, year: 2025).isCompliant)
        #expect(!rule.check(records, year: 2026).isCompliant)
    }

    @Test(arguments: [
        (#"{"format":"other"}"#, "format"),
        (#"{"format":"openvans-obligations","versions":[{"id":"x","items":[]}]}"#, "versions[0].source.url"),
        (
            #"{"format":"openvans-obligations","versions":[{"id":"x","source":{"url":"u"},"items":[{"code":"c","kind":"weekly"}]}]}"#,
            "versions[0].items[0].kind"
        ),
        ("{", ""),
    ])
    func badDataNamesWhere(json: String, path: String) {
        do {
            _ = try ObligationCatalogue(json: Array(json.utf8), file: "test.json")
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.path == path, "\(error)")
            #expect(error.file == "test.json")
        }
    }
}
