import AppCore
import FeedFiles
import Feeds
import Foundation
import TestSupport
import Testing
import VulnModel
import Zlib

/// Bad data never stops a load: real files cut or broken on purpose still yield everything readable.
@Suite struct FaultToleranceTests {
    @Test func truncatedGzipKeepsTheWholeLinesBeforeTheCut() throws {
        let url = SharedData.fixture("Feeds/overrides_first-400-lines_truncated.jsonl.gz")
        let batch = FeedDirectory.decodeFile(atPath: url.path)
        let readable = Inflate.decompressAvailable([UInt8](try Data(contentsOf: url))).output
        let wholeLines = readable.filter { $0 == 0x0A }.count
        #expect(batch.kind == .nvdOverride)
        let counts = batch.diagnostics.countsByKind
        #expect(counts[.truncatedCompression] == 1)
        #expect(batch.diagnostics.first?.kind == .truncatedCompression)
        // The cut falls inside a line: that line is the only other loss.
        #expect(counts[.invalidJSON] == 1)
        #expect(wholeLines > 100)
        #expect(batch.records.count == wholeLines)
        #expect(batch.records.first?.id == CVEID("CVE-1999-0037"))
    }

    @Test func invalidLineCostsOnlyThatLine() throws {
        let batch = try Feed.fixture("cve5_line3-cut.jsonl")
        #expect(batch.records.count == 5)
        let diagnostic = try #require(batch.diagnostics.first)
        #expect(batch.diagnostics.count == 1)
        #expect(diagnostic.kind == .invalidJSON)
        #expect(diagnostic.message.hasPrefix("line 3:"))
        #expect(diagnostic.offset != nil)
        #expect(diagnostic.cve != nil)
    }

    @Test func invalidJSONInAnArrayKeepsTheRecordsBeforeIt() throws {
        let batch = try Feed.fixture("nvd-api-2.0_full-page_record-21-broken.json")
        #expect(batch.kind == .nvdAPI)
        #expect(batch.records.count == 20)
        let diagnostic = try #require(batch.diagnostics.first)
        #expect(batch.diagnostics.count == 1)
        #expect(diagnostic.kind == .invalidJSON)
        #expect(diagnostic.cve == CVEID("CVE-2023-45904"))
        #expect(diagnostic.message.contains("20 entries kept"))
    }

    static let unknown: [(String, String)] = [
        ("empty", ""),
        ("text", "hello"),
        ("other JSON", #"{"hello":"world"}"#),
        ("CSV without EPSS columns", "a,b\n1,2\n"),
    ]

    @Test(arguments: unknown)
    func unknownDocumentsAreDiagnosed(_ name: String, _ text: String) {
        let batch = FeedDecoder.decode(Array(text.utf8), document: name)
        #expect(batch.records.isEmpty && batch.kev.isEmpty && batch.epss.isEmpty)
        #expect(batch.diagnostics.map(\.kind) == [.unknownDocument])
        #expect(batch.diagnostics.first?.document == name)
    }

    @Test func formatComesFromContentNotName() throws {
        let bytes = Array(#"{"title":"x","catalogVersion":"1","vulnerabilities":[{"cveID":"CVE-2021-44228"}]}"#.utf8)
        let batch = FeedDecoder.decode(bytes, document: "nvdcve-2021.json")
        #expect(batch.kind == .kev)
        #expect(batch.kev.map(\.cve) == [CVEID("CVE-2021-44228")])
    }

    @Test func badIdsBecomeDiagnosticsAndTheRestLoads() {
        let text = """
            {"resultsPerPage":3,"vulnerabilities":[{"cve":{"id":"CVE-21-1"}},{"cve":{"published":"2020-01-01"}},
            {"cve":{"id":"CVE-2021-44228"}}]}
            """
        let batch = FeedDecoder.decode(Array(text.utf8), document: "ids")
        #expect(batch.records.map(\.id) == [CVEID("CVE-2021-44228")])
        #expect(batch.diagnostics.map(\.kind) == [.invalidCVEID, .invalidRecord])
        #expect(batch.diagnostics.allSatisfy { $0.offset != nil })
    }
}
