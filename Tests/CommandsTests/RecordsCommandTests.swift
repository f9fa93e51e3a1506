import AppCore
import Governance
import Remediation
import Testing
import VulnModel

@testable import Commands

/// `vans records --overdue`: R20's overdue list, most overdue first, closed records never overdue.
@Suite struct RecordsCommandTests {
    static func tracked(_ host: String, firstSeen: String, closed: Bool = false) throws -> TrackedRemediation {
        var record = RemediationRecord(
            key: FindingKey(
                agency: try Agency.ID("2.16.886.101.20007"), host: HostID(host),
                cve: try #require(CVEID("CVE-2021-44228")),
                item: ItemVersion(product: ProductRef(vendor: "apache", product: "log4j"), version: "2.14.1")),
            risk: FindingRisk(severity: .critical, baseScore: 10), firstSeen: try #require(Day(iso8601: firstSeen)))
        if closed {
            try record.apply(
                .claimRemediated(evidence: "upgraded"), on: try #require(Day(iso8601: "2024-02-01")), by: "a")
        }
        return TrackedRemediation(
            record: record, deadline: SLAPolicy.standard.deadline(for: record),
            lastMonth: try #require(ReportingMonth(year: 2024, month: 1)), storedHistoryCount: 0)
    }

    @Test func overdueRecordsComeMostOverdueFirst() throws {
        let records = [
            try Self.tracked("a", firstSeen: "2024-01-20"),  // due 2024-02-19: 21 days over on 11 March
            try Self.tracked("b", firstSeen: "2024-01-01"),  // due 2024-01-31: 40 days over
            try Self.tracked("c", firstSeen: "2024-01-01", closed: true),
            try Self.tracked("d", firstSeen: "2024-03-01"),  // due 2024-03-31: not yet
        ]
        let today = try #require(Day(iso8601: "2024-03-11"))
        let lines = RecordsCommand.lines(records, today: today, overdueOnly: true)
        #expect(
            lines == [
                "host\tcve\titem\tstatus\tdeadline\tdays_overdue\tkev\treappeared",
                "b\tCVE-2021-44228\tapache:log4j:2.14.1\topen\t2024-01-31\t40\t\t",
                "a\tCVE-2021-44228\tapache:log4j:2.14.1\topen\t2024-02-19\t21\t\t",
            ])
        #expect(RecordsCommand.lines(records, today: today, overdueOnly: false).count == 5)
    }
}
