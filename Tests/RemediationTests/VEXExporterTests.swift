import Foundation
import Governance
import Remediation
import Testing
import Versioning
import VulnModel

/// Decisions exported as CycloneDX 1.6 VEX.
@Suite struct VEXExporterTests {
    static func decisions() throws -> [Decision] {
        [
            try Decision(
                id: Decision.ID("d2"), cve: cve("CVE-2021-44228"),
                product: ProductRef(vendor: "apache", product: "log4j"),
                versions: VersionRange(
                    startIncluding: "2.0", startExcluding: nil, endIncluding: nil, endExcluding: "2.15.0"),
                scope: .agency(bureau), outcome: .riskAccepted, justification: "isolated legacy system",
                approver: "資安長", madeOn: day("2024-01-01"), expires: day("2024-07-01")),
            try Decision(
                id: Decision.ID("d1"), cve: cve("CVE-2023-4863"),
                product: ProductRef(vendor: "google", product: "chrome"),
                versions: nil, scope: .national, outcome: .mitigated, justification: "rendering disabled by policy",
                approver: "ACS", madeOn: day("2024-02-01"), expires: nil),
        ]
    }

    @Test func theDocumentIsCycloneDXVEX() throws {
        let bytes = VEXExporter().export(try Self.decisions(), generatedAt: Timestamp(millisecondsSinceEpoch: 0))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(document["bomFormat"] as? String == "CycloneDX")
        #expect(document["specVersion"] as? String == "1.6")
        let vulnerabilities = try #require(document["vulnerabilities"] as? [[String: Any]])
        #expect(vulnerabilities.compactMap { $0["id"] as? String } == ["CVE-2023-4863", "CVE-2021-44228"])
        let analyses = vulnerabilities.compactMap { $0["analysis"] as? [String: Any] }
        #expect(analyses.compactMap { $0["state"] as? String } == ["not_affected", "exploitable"])
        #expect(analyses.first?["justification"] as? String == "protected_by_mitigating_control")
        #expect((analyses.last?["response"] as? [String]) == ["will_not_fix"])
        let affects = vulnerabilities.compactMap { ($0["affects"] as? [[String: Any]])?.first }
        #expect(affects.compactMap { $0["ref"] as? String } == ["google:chrome", "apache:log4j"])
        let ranges = affects.compactMap { ($0["versions"] as? [[String: Any]])?.first?["range"] as? String }
        #expect(ranges == ["vers:generic/*", "vers:generic/>=2.0|<2.15.0"])
        let components = try #require(document["components"] as? [[String: Any]])
        #expect(components.compactMap { $0["bom-ref"] as? String } == ["apache:log4j", "google:chrome"])
        let properties = vulnerabilities.last?["properties"] as? [[String: String]]
        #expect(
            properties?.contains { $0["name"] == "openvans:scope" && $0["value"] == "agency:2.16.886.116.1" } == true)
        #expect(properties?.contains { $0["name"] == "openvans:expires" && $0["value"] == "2024-07-01" } == true)
    }

    @Test func exportIsDeterministic() throws {
        let decisions = try Self.decisions()
        let exporter = VEXExporter()
        let now = Timestamp(millisecondsSinceEpoch: 1_700_000_000_000)
        #expect(exporter.export(decisions, generatedAt: now) == exporter.export(decisions.reversed(), generatedAt: now))
    }
}
