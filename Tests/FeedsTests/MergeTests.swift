import Feeds
import TestSupport
import Testing
import VulnModel

/// Batches merged through `KnowledgeBase.Builder`, in every order, give the same knowledge base.
@Suite struct MergeTests {
    static let nvdDocuments = [
        "nvd-api-2.0_modified-2023-12-07_cut.json",
        "nvd-feed-1.1-2014_cut.json",
        "nvd-feed-1.1-modified_2024-03-01_cut.json",
    ]

    /// CVE-2014-125081 as NVD published it three times: API 2.0 modified feed (2023-12-01T22:04:49),
    /// the final 1.1 yearly file (2023-12-01T22:04, minute precision) and a 1.1 modified feed (2024-02-29).
    @Test(arguments: [[0, 1, 2], [2, 1, 0], [1, 2, 0], [1, 0, 2]])
    func newestNVDRecordWinsWhateverTheOrder(_ order: [Int]) throws {
        var builder = KnowledgeBase.Builder()
        for index in order { builder.add(try Feed.fixture(Self.nvdDocuments[index])) }
        let base = builder.build()
        let id = try #require(CVEID("CVE-2014-125081"))
        let record = try #require(base.records[id])
        #expect(record.provenance.document == "nvd-feed-1.1-modified_2024-03-01_cut.json")
        #expect(record.provenance.kind == .nvdFeed)
        #expect(record.lastModified == Timestamp(iso8601: "2024-02-29T01:14"))
        #expect(!record.configurations.isEmpty)
        let otherID = try #require(CVEID("CVE-2012-5053"))
        let other = try #require(base.records[otherID])
        #expect(other.provenance.kind == .nvdAPI)
        #expect(base.documents.count == 3)
    }

    /// NVD has the CVE without configurations (awaiting analysis); CISA's ADP container supplies them.
    @Test func configurationsComeFromCVE5WhenNVDHasNone() throws {
        let nvd = try Feed.fixture("nvd-api-2.0_modified-2024-05-10_cut.json")
        let id = try #require(CVEID("CVE-2021-20451"))
        #expect(nvd.record("CVE-2021-20451")?.configurations.isEmpty == true)
        for order in [true, false] {
            var builder = KnowledgeBase.Builder()
            let cve5 = try Feed.fixture("cve5_selected-records.jsonl")
            if order { builder.add(nvd) }
            builder.add(cve5)
            if !order { builder.add(nvd) }
            let record = try #require(builder.build().records[id])
            #expect(record.provenance.kind == .nvdAPI)
            #expect(record.configurationProvenance?.kind == .cve5)
            #expect(record.configurationProvenance?.provider == "CISA-ADP")
            #expect(
                record.configurations.first?.nodes.first?.matches.map(\.criteria) == [
                    "cpe:2.3:a:ibm:cognos_controller:10.4.1:*:*:*:*:*:*:*",
                    "cpe:2.3:a:ibm:cognos_controller:10.4.2:*:*:*:*:*:*:*",
                    "cpe:2.3:a:ibm:cognos_controller:11.0.0:*:*:*:*:*:*:*",
                ])
        }
    }

    @Test(.enabled(if: Feed.sharedDataAvailable, "\(SharedData.unavailableReason)"))
    func overrideConfigurationsReplaceNVDs() throws {
        var builder = KnowledgeBase.Builder()
        builder.add(try Feed.shared("nvd/overrides/anchore-nvd-data-overrides_2026-08-21.jsonl.gz"))
        let api = try Feed.shared("nvd/api-2.0/nvdcve-2002.json.gz")
        builder.add(api)
        let id = try #require(CVEID("CVE-1999-0037"))
        #expect(api.record("CVE-1999-0037")?.configurations.isEmpty == false)
        let record = try #require(builder.build().records[id])
        #expect(record.provenance.kind == .nvdAPI)
        #expect(record.configurationProvenance?.kind == .nvdOverride)
        #expect(
            record.configurations.first?.nodes.first?.matches.first?.criteria == "cpe:2.3:a:null:null:*:*:*:*:*:*:*:*")
    }
}
