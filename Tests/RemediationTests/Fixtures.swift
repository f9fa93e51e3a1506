import Governance
import Remediation
import VulnModel

func day(_ text: String) -> Day {
    guard let parsed = Day(iso8601: text) else { preconditionFailure("fixture date \(text)") }
    return parsed
}

func oid(_ text: String) -> Agency.ID {
    do { return try Agency.ID(text) } catch { preconditionFailure("fixture OID \(text): \(error)") }
}

func cve(_ text: String) -> CVEID {
    guard let parsed = CVEID(text) else { preconditionFailure("fixture CVE \(text)") }
    return parsed
}

let log4j = ItemVersion(product: ProductRef(vendor: "apache", product: "log4j"), version: "2.14.1")
let county = oid("2.16.886.116")
let bureau = oid("2.16.886.116.1")

func key(
    host: String = "srv-01", agency: Agency.ID = bureau, item: ItemVersion = log4j, cve id: String = "CVE-2021-44228"
)
    -> FindingKey
{
    FindingKey(agency: agency, host: HostID(host), cve: cve(id), item: item)
}

func makeRecord(
    _ severity: CVSSSeverity = .critical, firstSeen: String = "2024-03-01", kevAdded: String? = nil,
    kevDue: String? = nil, key findingKey: FindingKey = key()
) -> RemediationRecord {
    RemediationRecord(
        key: findingKey,
        risk: FindingRisk(
            severity: severity, baseScore: 10, kevDateAdded: kevAdded.map(day), kevDueDate: kevDue.map(day)),
        firstSeen: day(firstSeen))
}

func directory() -> AgencyDirectory {
    do {
        return try AgencyDirectory([
            Agency(
                id: county, nameZh: "宜蘭縣政府", tier: .countyCity, localGovernment: .yilan, supervisor: .nation,
                governs: .yilan),
            Agency(
                id: bureau, nameZh: "宜蘭縣政府衛生局", tier: .countyCity, localGovernment: .yilan,
                supervisor: .agency(county)),
        ])
    } catch { preconditionFailure("\(error)") }
}
