import AppCore
import FeedFiles
import Matching
import TestSupport
import Testing
import VulnModel

/// The use cases end to end over the real fixture records, through the real file adapter.
@Suite struct InventoryMatcherTests {
    static func matcher(threshold: Double = RiskPolicy.defaultThreshold) async throws -> InventoryMatcher {
        let base = try await KnowledgeBaseLoader(source: FeedDirectory(), parallelism: 2)
            .load([SharedData.fixture("Matching").path])
        return InventoryMatcher(
            facts: base, index: MatchIndex(knowledgeBase: base), policy: RiskPolicy(threshold: threshold))
    }

    static func assessments(_ cpes: [String], threshold: Double = RiskPolicy.defaultThreshold) async throws
        -> [String: (Finding, CVEAssessment)]
    {
        let entries = cpes.map { InventoryEntry(host: HostID("pc-01"), cpe: $0) }
        let report = try await matcher(threshold: threshold).match(entries).get()
        var result: [String: (Finding, CVEAssessment)] = [:]
        report.forEachFinding { finding, assessment in result[finding.cve.description] = (finding, assessment) }
        return result
    }

    static let chrome = "cpe:2.3:a:google:chrome:119.0.6045.159:*:*:*:*:*:*:*"
    static let openssl = "cpe:2.3:a:openssl:openssl:3.0.12:*:*:*:*:*:*:*"

    @Test func kevFlagAndDueDateComeFromTheCatalogue() async throws {
        let found = try await Self.assessments([Self.chrome, "cpe:2.3:a:google:chrome:95.0.4638.54:*:*:*:*:*:*:*"])
        let chrome = try #require(found["CVE-2023-6345"]?.1)
        #expect(chrome.kev?.dueDate == Day(year: 2023, month: 12, day: 21))
        #expect(chrome.kev?.provenance.kind == .kev)
        // CVE-2021-38000: known only from CVE 5 / CISA ADP here, and in the KEV catalogue.
        let adp = try #require(found["CVE-2021-38000"]?.1)
        #expect(adp.kev?.dateAdded == Day(year: 2021, month: 11, day: 3))
        #expect(adp.kev?.dueDate == Day(year: 2021, month: 11, day: 17))
    }

    @Test func notInKEVMeansNoFlag() async throws {
        let found = try await Self.assessments([Self.openssl])
        let openssl = try #require(found["CVE-2023-5678"]?.1)
        #expect(openssl.kev == nil)
        #expect(openssl.epss?.probability == 0.04459)
    }

    @Test func riskUsesThePreferredCVSSVersionAndTheThreshold() async throws {
        let chrome = try #require(try await Self.assessments([Self.chrome])["CVE-2023-6345"]?.1.risk)
        #expect(chrome.version == .v31)
        #expect(chrome.baseScore == 9.6)
        #expect(chrome.highRisk)
        let openssl = try #require(try await Self.assessments([Self.openssl])["CVE-2023-5678"]?.1.risk)
        #expect(openssl.baseScore == 5.3)
        #expect(!openssl.highRisk)
        let strict = try #require(try await Self.assessments([Self.openssl], threshold: 5.3)["CVE-2023-5678"]?.1.risk)
        #expect(strict.highRisk, "the threshold is inclusive")
    }

    /// `vans match --format summary` tallies per host without materialising findings, from the assessments of
    /// every task's part: its counts must equal counting the findings one by one.
    @Test func hostSummariesEqualCountingEveryFinding() async throws {
        let entries = [
            ("pc-01", Self.chrome), ("pc-01", Self.openssl),
            ("pc-02", "cpe:2.3:a:google:chrome:95.0.4638.54:*:*:*:*:*:*:*"),
            ("pc-03", "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*"), ("pc-03", Self.chrome),
        ].map { InventoryEntry(host: HostID($0.0), cpe: $0.1) }
        let report = try await Self.matcher().match(entries, parallelism: 2).get()
        var counted: [HostID: HostSummary] = [:]
        report.forEachFinding { finding, assessment in
            counted[finding.host, default: HostSummary()].findings += 1
            counted[finding.host, default: HostSummary()].affected += finding.status == .affected ? 1 : 0
            counted[finding.host, default: HostSummary()].indeterminate += finding.status == .affected ? 0 : 1
            counted[finding.host, default: HostSummary()].highRisk += assessment.risk?.highRisk == true ? 1 : 0
            counted[finding.host, default: HostSummary()].knownExploited += assessment.kev != nil ? 1 : 0
        }
        var tallied: [HostID: HostSummary] = [:]
        report.forEachHostSummary { host, summary in tallied[host] = summary }
        #expect(tallied == counted)
        // A report made for counts only decodes each CVE's flags, not its whole assessment: the same counts.
        let countsOnly = try await Self.matcher().match(entries, parallelism: 2, depth: .counts).get()
        var countedOnly: [HostID: HostSummary] = [:]
        countsOnly.forEachHostSummary { host, summary in countedOnly[host] = summary }
        #expect(countedOnly == counted)
        #expect(countsOnly.cveCount == report.cveCount && countsOnly.assessments.count == 0)
        #expect(Set(counted.keys) == [HostID("pc-01"), HostID("pc-02"), HostID("pc-03")])
        #expect(counted.values.contains { $0.highRisk > 0 } && counted.values.contains { $0.knownExploited > 0 })
        #expect(counted[HostID("pc-03")].map { $0.indeterminate > 0 } == true)
        #expect(report.assessments.count == Set(report.result.cves).count)
    }

    // R17: a CVE with a Patch-tagged reference shows it first; a CVE without one shows the NVD page.
    @Test func patchLinksFirstAndNVDPageOnlyWithoutThem() async throws {
        let found = try await Self.assessments([Self.chrome, Self.openssl])
        let openssl = try #require(found["CVE-2023-5678"]?.1.references)
        #expect(openssl.first?.tags.contains("Patch") == true)
        #expect(!openssl.contains { $0.url.hasPrefix("https://nvd.nist.gov/") })
        let chrome = try #require(found["CVE-2023-6345"]?.1.references)
        #expect(chrome.map(\.url) == ["https://nvd.nist.gov/vuln/detail/CVE-2023-6345"])
    }

    @Test func brokenPatchLinksComeAfterWorkingOnesAndKeepTheNVDPage() {
        let cve = CVEID(year: 2009, number: 1377)
        let references = [
            Reference(url: "http://example.org/advisory", tags: ["Third Party Advisory"]),
            Reference(url: "http://cvs.example.org/patch", tags: ["Broken Link", "Patch"]),
            Reference(url: "http://vendor.example.org/advisory", tags: ["Vendor Advisory"]),
        ]
        #expect(
            references.prioritized(for: cve).map(\.url) == [
                "http://vendor.example.org/advisory", "http://cvs.example.org/patch",
            ])
        let onlyBroken = [references[1]]
        #expect(
            onlyBroken.prioritized(for: cve).map(\.url) == [
                "http://cvs.example.org/patch", "https://nvd.nist.gov/vuln/detail/CVE-2009-1377",
            ])
    }
}
