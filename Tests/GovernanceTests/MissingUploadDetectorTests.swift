import Governance
import Testing
import VulnModel

/// R22: on day N of month M+1, in-scope agencies without an upload for M are flagged `missing_upload`.
@Suite struct MissingUploadDetectorTests {
    static func agency(_ serial: Int, _ level: SecurityLevel, since: String = "2020-01-01") -> Agency {
        Agency(
            id: oid("2.16.886.700.\(serial)"), nameZh: "機關\(serial)", tier: .countyCity, localGovernment: .hualien,
            supervisor: .nation,
            levels: (try? LevelHistory([LevelAssignment(level: level, effective: day(since))])) ?? .empty)
    }

    static let uploader = agency(1, .b)
    static let silent = agency(2, .c)
    static let levelD = agency(3, .d)
    static let newlyC = agency(4, .c, since: "2024-03-15")
    static let march = ReportingMonth(containing: day("2024-03-01"))

    @Test(arguments: [
        ("2024-04-09", [String]()),
        ("2024-04-10", ["2024-03 2.16.886.700.2", "2024-03 2.16.886.700.4"]),
        (
            "2024-05-10",
            [
                "2024-03 2.16.886.700.2", "2024-03 2.16.886.700.4", "2024-04 2.16.886.700.2", "2024-04 2.16.886.700.4",
            ]
        ),
    ])
    func flaggedOnDayNOfTheFollowingMonth(today: String, expected: [String]) {
        let detector = MissingUploadDetector(flagDay: 10)
        let flagged = detector.missingUploads(
            agencies: [Self.uploader, Self.silent, Self.levelD, Self.newlyC],
            uploads: [Self.uploader.id: [Self.march, Self.march.next]], since: Self.march, today: day(today))
        #expect(flagged.map { "\($0.month) \($0.agency)" } == expected)
        #expect(flagged.allSatisfy { $0.flaggedOn == $0.month.next.day(10) })
    }

    /// An agency still inside its VANS adoption period is not flagged for months before the deadline.
    @Test func adoptionPeriodIsRespected() {
        let detector = MissingUploadDetector(flagDay: 5, adoptionDue: [Self.newlyC.id: day("2026-03-15")])
        let flagged = detector.missingUploads(
            agencies: [Self.newlyC], uploads: [:], since: Self.march, today: day("2024-12-31"))
        #expect(flagged.isEmpty)
        #expect(detector.flagDate(for: ReportingMonth(containing: day("2024-01-31"))) == day("2024-02-05"))
    }

    @Test func flagDayIsClampedToTheMonthEnd() {
        let detector = MissingUploadDetector(flagDay: 31)
        #expect(detector.flagDate(for: ReportingMonth(containing: day("2024-01-31"))) == day("2024-02-29"))
    }
}
