import Feeds
import TestSupport
import Testing
import VulnModel

@Suite struct EPSSTests {
    @Test(.enabled(if: Feed.sharedDataAvailable, "\(SharedData.unavailableReason)"))
    func fullFileWithoutModelLine() throws {
        let batch = try Feed.shared("epss/epss_scores_2026-08-16.csv.gz")
        #expect(batch.kind == .epss)
        #expect(batch.epss.count == 360_142)
        #expect(batch.diagnostics.isEmpty)
        #expect(batch.version == nil)
        let first = try #require(batch.epss.first)
        #expect(first.cve == CVEID("CVE-1999-0001"))
        #expect(first.probability == 0.03351)
        #expect(first.percentile == 0.87650)
        #expect(first.provenance.provider == "FIRST")
    }

    /// Real rows under the `#model_version:…,score_date:…` line FIRST's own file starts with.
    @Test func modelLineBecomesTheVersion() throws {
        let batch = try Feed.fixture("epss_first-200-rows_with-model-line.csv")
        #expect(batch.kind == .epss)
        #expect(batch.epss.count == 200)
        #expect(batch.version == "model_version:v2025.03.14,score_date:2026-08-15T12:55:00+0000")
        #expect(batch.diagnostics.isEmpty)
    }
}

@Suite(.enabled(if: Feed.sharedDataAvailable, "\(SharedData.unavailableReason)"))
struct OverrideTests {
    @Test func overridesDecodeAsTheirOwnKind() throws {
        let path = "nvd/overrides/anchore-nvd-data-overrides_2026-08-21.jsonl.gz"
        let batch = try Feed.shared(path)
        #expect(batch.kind == .nvdOverride)
        #expect(batch.records.count == 32_184)
        #expect(batch.diagnostics.isEmpty, "\(batch.diagnostics.prefix(3))")
        let record = try #require(batch.record("CVE-1999-0037"))
        #expect(record.provenance == Provenance(kind: .nvdOverride, document: path))
        #expect(record.lastModified == Timestamp(iso8601: "2024-08-01T16:27:57.203000+00:00"))
        #expect(record.summary.hasPrefix("Arbitrary command execution via metamail package"))
        #expect(
            record.configurations.first?.nodes.first?.matches.first?.criteria == "cpe:2.3:a:null:null:*:*:*:*:*:*:*:*")
        #expect(record.configurations.first?.nodes.first?.matches.first?.vulnerable == false)
        #expect(batch.records.filter { !$0.configurations.isEmpty }.count > 30_000)
    }
}
