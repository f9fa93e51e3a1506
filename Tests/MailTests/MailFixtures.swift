import AppCore
import Governance
import Mail
import Remediation
import VulnModel

struct FixedClock: WallClock {
    var time: Timestamp

    init(_ iso8601: String) {
        guard let parsed = Timestamp(iso8601: iso8601) else { preconditionFailure("fixture time \(iso8601)") }
        time = parsed
    }

    func now() -> Timestamp { time }
}

enum MailFixtures {
    static func oid(_ text: String) -> Agency.ID {
        do { return try Agency.ID(text) } catch { preconditionFailure("fixture OID \(text): \(error)") }
    }

    static let county = oid("2.16.886.116")
    static let bureau = oid("2.16.886.116.1")

    static func directory() -> AgencyDirectory {
        do {
            return try AgencyDirectory([
                Agency(
                    id: county, nameZh: "宜蘭縣政府", nameEn: "Yilan County Government", tier: .countyCity,
                    localGovernment: .yilan, supervisor: .nation, governs: .yilan),
                Agency(
                    id: bureau, nameZh: "宜蘭縣政府衛生局", nameEn: "Yilan County Public Health Bureau",
                    tier: .countyCity, localGovernment: .yilan, supervisor: .agency(county)),
            ])
        } catch { preconditionFailure("\(error)") }
    }

    /// A critical finding first seen 2024-03-01: due 2024-03-31 under the standard SLA.
    static func record(host: String = "srv-01", cve id: String = "CVE-2021-44228") -> RemediationRecord {
        guard let cve = CVEID(id), let seen = Day(iso8601: "2024-03-01") else { preconditionFailure("fixture") }
        let item = ItemVersion(product: ProductRef(vendor: "apache", product: "log4j"), version: "2.14.1")
        return RemediationRecord(
            key: FindingKey(agency: bureau, host: HostID(host), cve: cve, item: item),
            risk: FindingRisk(severity: .critical, baseScore: 10, kevDateAdded: nil, kevDueDate: nil),
            firstSeen: seen)
    }

    static let addresses: [Recipient: [String]] = [
        .agency(bureau): ["security@health.ilan.gov.tw", "cio@health.ilan.gov.tw"],
        .agency(county): ["soc@ilan.gov.tw"],
        .nation: ["vans@acs.gov.tw"],
    ]

    static func mailSender(port: Int, clock: FixedClock, addresses: [Recipient: [String]] = addresses) -> MailSender {
        MailSender(
            client: SMTPClient(host: "127.0.0.1", port: port, replyTimeout: .seconds(30)),
            composer: MailComposer(from: "vans-noreply@acs.gov.tw"), addresses: addresses, clock: clock)
    }
}
