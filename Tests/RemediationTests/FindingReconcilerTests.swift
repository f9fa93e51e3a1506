import Governance
import Remediation
import Testing
import VulnModel

/// R19 + R21 over successive monthly uploads of one host.
@Suite struct FindingReconcilerTests {
    static let host = HostRef(agency: bureau, host: HostID("srv-01"))
    static let openssl = ItemVersion(product: ProductRef(vendor: "openssl", product: "openssl"), version: "1.0.2")
    static let fixedLog4j = ItemVersion(product: log4j.product, version: "2.17.1")

    static func finding(_ item: ItemVersion, _ id: String, highRisk: Bool = true) -> ObservedFinding {
        ObservedFinding(key: key(item: item, cve: id), risk: FindingRisk(severity: .critical), highRisk: highRisk)
    }

    @Test func monthByMonth() throws {
        let decision = try Decision(
            id: Decision.ID("openssl-fp"), cve: cve("CVE-2016-2108"),
            product: ProductRef(vendor: "openssl", product: "openssl"), versions: nil, scope: .agency(bureau),
            outcome: .falsePositive, justification: "vendor back-ported the fix (RHEL build)", approver: "資安長",
            madeOn: day("2024-04-15"), expires: nil)
        let reconciler = FindingReconciler(decisions: DecisionBook([decision]))
        var records: [RemediationRecord] = []

        // March: log4j (high) and openssl (high) and a medium-risk one that needs no record.
        let march = reconciler.reconcile(
            &records, upload: HostUpload(host: Self.host, day: day("2024-03-05"), items: [log4j, Self.openssl]),
            findings: [
                Self.finding(log4j, "CVE-2021-44228"), Self.finding(Self.openssl, "CVE-2016-2108"),
                Self.finding(Self.openssl, "CVE-2016-0705", highRisk: false),
            ])
        #expect(march.created.count == 2 && records.count == 2)
        #expect(march.closedByDecision.isEmpty, "the decision is made later")

        // May: log4j upgraded; the openssl finding is closed by the standing decision.
        let may = reconciler.reconcile(
            &records,
            upload: HostUpload(host: Self.host, day: day("2024-05-05"), items: [Self.fixedLog4j, Self.openssl]),
            findings: [Self.finding(Self.openssl, "CVE-2016-2108")])
        #expect(may.verified == [key(item: log4j)])
        #expect(may.closedByDecision == [key(item: Self.openssl, cve: "CVE-2016-2108")])
        #expect(records.map(\.statusLabel) == ["remediated (verified)", "false_positive"])

        // June: the old log4j is back (a restored image): reopened and flagged, no duplicate record.
        let june = reconciler.reconcile(
            &records, upload: HostUpload(host: Self.host, day: day("2024-06-05"), items: [log4j, Self.openssl]),
            findings: [Self.finding(log4j, "CVE-2021-44228"), Self.finding(Self.openssl, "CVE-2016-2108")])
        #expect(june.reopened == [key(item: log4j)])
        #expect(june.created.isEmpty && records.count == 2)
        #expect(records[0].state == .open && records[0].reappeared)
    }
}
