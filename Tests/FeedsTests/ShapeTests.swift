import Feeds
import Foundation
import TestSupport
import Testing
import VulnModel

/// Document shapes the corpus has no real instance of, written in the producers' documented shapes.
@Suite struct ShapeTests {
    static func feed(nodes: String) -> [UInt8] {
        let item = """
            {"cve":{"CVE_data_meta":{"ID":"CVE-2016-0002"},"description":{"description_data":[]}},
            "configurations":{"nodes":\(nodes)},"lastModifiedDate":"2018-10-12T22:10Z"}
            """
        return Array(#"{"CVE_data_type":"CVE","CVE_Items":[\#(item)]}"#.utf8)
    }

    static let match = #"{"vulnerable":true,"cpe23Uri":"cpe:2.3:a:microsoft:jscript:5.7:*:*:*:*:*:*:*"}"#
    static let platform = #"{"vulnerable":false,"cpe23Uri":"cpe:2.3:a:microsoft:internet_explorer:8:*:*:*:*:*:*:*"}"#

    static let nodes: [(String, String, Int, Bool)] = [
        ("OR with matches", #"[{"operator":"OR","cpe_match":[\#(match)]}]"#, 1, false),
        (
            "AND of OR children",
            #"[{"operator":"AND","children":[{"operator":"OR","cpe_match":[\#(match)]},{"operator":"OR","cpe_match":[\#(platform)]}]}]"#,
            1, false
        ),
        ("empty node", #"[{"operator":"OR","children":[],"cpe_match":[]}]"#, 0, false),
        (
            "three levels",
            #"[{"operator":"AND","children":[{"operator":"OR","children":[{"operator":"OR","cpe_match":[\#(match)]}]}]}]"#,
            0, true
        ),
        ("OR with children", #"[{"operator":"OR","children":[{"operator":"OR","cpe_match":[\#(match)]}]}]"#, 0, true),
        (
            "AND with its own matches",
            #"[{"operator":"AND","cpe_match":[\#(match)],"children":[{"operator":"OR","cpe_match":[\#(platform)]}]}]"#,
            0, true
        ),
    ]

    @Test(arguments: nodes)
    func feedNodesConvertOrAreDiagnosed(_ name: String, _ nodes: String, _ configurations: Int, _ diagnosed: Bool)
        throws
    {
        let batch = FeedDecoder.decode(Self.feed(nodes: nodes), document: name)
        let record = try #require(batch.records.first)
        #expect(record.configurations.count == configurations)
        #expect(batch.diagnostics.map(\.kind) == (diagnosed ? [.unsupportedConfiguration] : []))
        #expect(batch.diagnostics.allSatisfy { $0.cve == CVEID("CVE-2016-0002") })
    }

    @Test func andNodeBecomesAnAndConfiguration() throws {
        let nodes =
            #"[{"operator":"AND","children":[{"operator":"OR","cpe_match":[\#(Self.match)]},{"operator":"OR","cpe_match":[\#(Self.platform)]}]}]"#
        let configuration = try #require(
            FeedDecoder.decode(Self.feed(nodes: nodes), document: "and").records.first?.configurations.first)
        #expect(configuration.op == .and)
        #expect(configuration.nodes.map { $0.matches.map(\.vulnerable) } == [[true], [false]])
    }

    @Test func pageCountMismatchIsDiagnosed() {
        let text =
            #"{"resultsPerPage":2,"startIndex":2000,"totalResults":2001,"format":"NVD_CVE","vulnerabilities":[{"cve":{"id":"CVE-2021-44228"}}]}"#
        let batch = FeedDecoder.decode(Array(text.utf8), document: "page")
        #expect(batch.records.count == 1)
        #expect(batch.diagnostics.map(\.kind) == [.invalidRecord])
    }

    /// A CVE 5 record as its own pretty-printed `.json` document decodes like its JSON Lines line.
    @Test func singleCVE5DocumentMatchesItsLine() throws {
        let lines = try String(contentsOf: SharedData.fixture("Feeds/cve5_selected-records.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        let line = try #require(lines.first)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted])
        let single = FeedDecoder.decode([UInt8](pretty), document: "CVE-2024-38063.json")
        let fromLine = FeedDecoder.decode(Array(line.utf8), document: "CVE-2024-38063.json")
        #expect(single.kind == .cve5)
        #expect(single.records.count == 1)
        #expect(single.records.first?.configurations == fromLine.records.first?.configurations)
        #expect(single.records.first?.metrics == fromLine.records.first?.metrics)
    }
}
