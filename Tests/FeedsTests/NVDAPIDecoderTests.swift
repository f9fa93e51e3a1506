import Feeds
import TestSupport
import Testing
import VulnModel

@Suite(.enabled(if: Feed.sharedDataAvailable, "\(SharedData.unavailableReason)"))
struct NVDAPIDecoderTests {
    static let pages: [(String, Int)] = [
        ("nvd/fixtures/vunnel_api2.0_full-page.json.gz", 38),
        ("nvd/fixtures/vunnel_api2.0_single-entry.json.gz", 1),
        ("nvd/fixtures/osvdev_api2.0_per-cve-responses.jsonl.gz", 23),
        ("nvd/api-2.0/modified/nvdcve-modified_2023-12-07.json.gz", 1510),
        ("nvd/api-2.0/modified/nvdcve-modified_2024-05-10.json.gz", 1755),
        ("nvd/api-2.0/nvdcve-2003.json.gz", 1548),
    ]

    @Test(arguments: pages)
    func responsesDecodeWithTheirCounts(_ path: String, _ count: Int) throws {
        let batch = try Feed.shared(path)
        #expect(batch.kind == .nvdAPI)
        #expect(batch.records.count == count)
        #expect(batch.diagnostics.isEmpty, "\(batch.diagnostics.prefix(3))")
        #expect(Set(batch.records.map(\.id)).count == count)
        #expect(
            batch.records.allSatisfy {
                $0.provenance == Provenance(kind: .nvdAPI, document: path, provider: "nvd@nist.gov")
            })
    }

    @Test func singleEntryCarriesEveryField() throws {
        let batch = try Feed.shared("nvd/fixtures/vunnel_api2.0_single-entry.json.gz")
        #expect(batch.version == "2023-01-03T21:56:15.797")
        let record = try #require(batch.record("CVE-2022-1576"))
        #expect(record.published == Timestamp(iso8601: "2022-07-11T13:15:08.503"))
        #expect(record.lastModified == Timestamp(iso8601: "2024-11-21T06:41:00.133"))
        #expect(record.status == .modified)
        #expect(record.summary.hasPrefix("The WP Maintenance Mode & Coming Soon WordPress plugin before 2.4.5"))
        #expect(record.metrics.map(\.version) == [.v31, .v2])
        #expect(
            record.metrics.map(\.vector) == [
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N", "AV:N/AC:M/Au:N/C:N/I:P/A:N",
            ])
        #expect(record.metrics.map(\.publishedScore) == [6.5, 4.3])
        #expect(record.metrics.allSatisfy { $0.scorer == "nvd@nist.gov" && $0.role == .primary })
        #expect(record.weaknesses == ["CWE-352"])
        let match = try #require(record.configurations.first?.nodes.first?.matches.first)
        #expect(match.criteria == #"cpe:2.3:a:themeisle:wp_maintenance_mode_\&_coming_soon:*:*:*:*:*:wordpress:*:*"#)
        #expect(match.vulnerable)
        #expect(match.versionEndExcluding == "2.4.5")
        #expect(match.matchCriteriaID == "696C1A2A-E47E-4E47-AB2D-F551F136B5D1")
        #expect(record.references.count == 2)
        #expect(record.references[0].tags == ["Exploit", "Third Party Advisory"])
        #expect(record.references[0].source == "contact@wpscan.com")
        #expect(record.kev == nil)
    }

    @Test func metricsKeepSourceAndTypeAcrossVersions() throws {
        let batch = try Feed.shared("nvd/fixtures/osvdev_api2.0_per-cve-responses.jsonl.gz")
        let all = batch.records.flatMap(\.metrics)
        #expect(Set(all.map(\.version)) == [.v2, .v30, .v31])
        #expect(all.contains { $0.role == .secondary && $0.scorer != "nvd@nist.gov" })
        let webp = try #require(batch.record("CVE-2023-4863"))
        #expect(webp.metrics.contains { $0.scorer == "nvd@nist.gov" && $0.role == .primary && $0.version == .v31 })
    }

    @Test func everyYearlyFileDecodesCompletely() throws {
        for url in SharedData.files(under: "nvd/api-2.0") where !url.path.contains("/modified/") {
            let batch = try Feed.shared("nvd/api-2.0/" + url.lastPathComponent)
            #expect(batch.diagnostics.isEmpty, "\(url.lastPathComponent): \(batch.diagnostics.prefix(3))")
            #expect(batch.records.count > 1000)
        }
    }

    /// The corpus holds no NVD record with CVSS 4.0, so this one is written in NVD's documented shape.
    @Test func cvss40MetricsDecode() throws {
        let text = """
            {"vulnerabilities":[{"cve":{"id":"CVE-2024-0001","metrics":{"cvssMetricV40":[{"source":"psirt@example.com",
            "type":"Secondary","cvssData":{"version":"4.0","vectorString":"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
            "baseScore":9.3}}]}}}]}
            """
        let record = try #require(FeedDecoder.decode(Array(text.utf8), document: "v40").records.first)
        #expect(record.metrics.map(\.version) == [.v40])
        #expect(record.metrics.first?.publishedScore == 9.3)
        #expect(record.metrics.first?.role == .secondary)
        #expect(record.metrics.first?.scorer == "psirt@example.com")
    }
}
