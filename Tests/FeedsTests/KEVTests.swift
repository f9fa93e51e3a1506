import Feeds
import TestSupport
import Testing
import VulnModel

@Suite(.enabled(if: Feed.sharedDataAvailable, "\(SharedData.unavailableReason)"))
struct KEVTests {
    @Test func catalogueDecodesEveryEntry() throws {
        let batch = try Feed.shared("kev/known_exploited_vulnerabilities.json.gz")
        #expect(batch.kind == .kev)
        #expect(batch.version == "2025.08.25")
        #expect(batch.kev.count == 1404)
        #expect(batch.diagnostics.isEmpty)
        let webp = try #require(batch.kev.first { $0.cve == CVEID("CVE-2023-4863") })
        #expect(webp.dateAdded == Day(iso8601: "2023-09-13"))
        #expect(webp.dueDate == Day(iso8601: "2023-10-04"))
        #expect(webp.vendorProject == "Google")
        #expect(webp.requiredAction?.isEmpty == false)
        #expect(webp.provenance.provider == "CISA")
    }

    @Test func nvdCarriesCISAFields() throws {
        let batch = try Feed.shared("nvd/fixtures/osvdev_api2.0_per-cve-responses.jsonl.gz")
        let kev = try #require(batch.record("CVE-2023-4863")?.kev)
        #expect(kev.dateAdded == Day(iso8601: "2023-09-13"))
        #expect(kev.dueDate == Day(iso8601: "2023-10-04"))
        #expect(kev.vulnerabilityName == "Google Chromium WebP Heap-Based Buffer Overflow Vulnerability")
        #expect(kev.requiredAction?.hasPrefix("Apply mitigations per vendor instructions") == true)
        #expect(batch.record("CVE-2024-3094")?.kev == nil)
    }

    @Test func catalogueAndRecordAgreeThroughTheKnowledgeBase() throws {
        var builder = KnowledgeBase.Builder()
        builder.add(try Feed.shared("nvd/fixtures/osvdev_api2.0_per-cve-responses.jsonl.gz"))
        builder.add(try Feed.shared("kev/known_exploited_vulnerabilities.json.gz"))
        let base = builder.build()
        let cve = try #require(CVEID("CVE-2023-4863"))
        #expect(base.kevEntry(for: cve)?.provenance.kind == .kev)
        #expect(base.kevEntry(for: cve)?.dueDate == base.records[cve]?.kev?.dueDate)
    }
}
