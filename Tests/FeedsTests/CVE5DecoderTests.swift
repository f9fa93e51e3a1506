import Feeds
import Testing
import VulnModel

/// Real CVE JSON 5 records (cut from the CISA vulnrichment corpus) chosen for the synthesis rules.
@Suite struct CVE5DecoderTests {
    let batch: FeedBatch

    init() throws {
        batch = try Feed.fixture("cve5_selected-records.jsonl")
    }

    func criteria(_ id: String, configuration: Int = 0, node: Int = 0) -> [String] {
        batch.record(id)?.configurations[safe: configuration]?.nodes[safe: node]?.matches.map(\.summary) ?? []
    }

    @Test func recordsAndProvenance() throws {
        #expect(batch.kind == .cve5)
        #expect(batch.records.count == 13)
        let record = try #require(batch.record("CVE-2024-38063"))
        #expect(
            record.provenance == Provenance(kind: .cve5, document: "cve5_selected-records.jsonl", provider: "microsoft")
        )
        #expect(record.status == .published)
        #expect(record.summary == "Windows TCP/IP Remote Code Execution Vulnerability")
        #expect(record.lastModified != nil && record.published != nil)
        #expect(record.metrics.map(\.scorer) == ["microsoft"])
        #expect(record.metrics.allSatisfy { $0.role == .secondary && $0.provenance.provider == "microsoft" })
        #expect(record.weaknesses == ["CWE-191"])
        #expect(record.references.first?.tags == ["Vendor Advisory"])
    }

    /// Microsoft writes the fixed build into the CPE; the range wins and the CPE's version becomes `*`.
    @Test func microsoftLessThanBecomesARange() {
        let found = criteria("CVE-2024-38063")
        #expect(found.count == 30)
        #expect(
            found.prefix(3) == [
                "+ cpe:2.3:o:microsoft:windows_10_1809:*:*:*:*:*:*:x86:* [>= 10.0.0, < 10.0.17763.6293]",
                "+ cpe:2.3:o:microsoft:windows_10_1809:*:*:*:*:*:*:x64:* [>= 10.0.0, < 10.0.17763.6293]",
                "+ cpe:2.3:o:microsoft:windows_server_2019:*:*:*:*:*:*:*:* [>= 10.0.0, < 10.0.17763.6293]",
            ])
        #expect(batch.record("CVE-2024-38063")?.configurationProvenance?.provider == "microsoft")
    }

    /// `lessThan: "publication"` is no version: the CPE as written names the release, as NVD would.
    @Test func nonVersionBoundKeepsTheCPEAsWritten() {
        #expect(
            criteria("CVE-2019-1201").prefix(2) == [
                "+ cpe:2.3:a:microsoft:sharepoint_server:2016:*:*:*:enterprise:*:*:*",
                "+ cpe:2.3:a:microsoft:sharepoint_server:2013:sp1:*:*:enterprise:*:*:*",
            ])
    }

    @Test func adpRangesAndStartBounds() throws {
        let record = try #require(batch.record("CVE-2011-0611"))
        #expect(
            record.configurationProvenance
                == Provenance(kind: .cve5, document: "cve5_selected-records.jsonl", provider: "CISA-ADP"))
        #expect(
            criteria("CVE-2011-0611").prefix(3) == [
                "+ cpe:2.3:a:adobe:flash_player:*:*:*:*:*:*:*:* [< 10.2.154.27]",
                "+ cpe:2.3:a:adobe:air:*:*:*:*:*:*:*:* [< 2.6.19140]",
                "+ cpe:2.3:a:adobe:reader:*:*:*:*:*:*:*:* [>= 9.0, < 9.4.4]",
            ])
        #expect(record.kev?.dateAdded == Day(iso8601: "2022-03-03"))
        #expect(record.kev?.provenance.provider == "CISA-ADP")
    }

    /// CISA lists `ie:6`, `ie:7` beside versions `6`, `7`: each CPE once, never crossed with the versions.
    @Test func plainVersionsDoNotMultiplyNamedCPEs() {
        #expect(
            criteria("CVE-2009-2529") == [
                "+ cpe:2.3:a:microsoft:ie:5.0.1:sp4:*:*:*:*:*:*", "+ cpe:2.3:a:microsoft:ie:6:sp1:*:*:*:*:*:*",
                "+ cpe:2.3:a:microsoft:ie:6:*:*:*:*:*:*:*", "+ cpe:2.3:a:microsoft:ie:7:*:*:*:*:*:*:*",
                "+ cpe:2.3:a:microsoft:ie:8:*:*:*:*:*:*:*",
            ])
    }

    /// `defaultStatus: affected` with an `unaffected` version: affected except that version (negated node).
    @Test func unaffectedBecomesANegatedException() throws {
        let configuration = try #require(batch.record("CVE-2024-27127")?.configurations.first)
        #expect(configuration.op == .and)
        #expect(configuration.nodes.map(\.negate) == [false, true])
        #expect(configuration.nodes[0].matches.map(\.summary) == ["+ cpe:2.3:a:qnap:qts:5.1.x:*:*:*:*:*:*:*"])
        #expect(configuration.nodes[1].matches.map(\.summary) == ["- cpe:2.3:a:qnap:qts:5.1.7.2770:*:*:*:*:*:*:*"])
        let openedge = try #require(batch.record("CVE-2024-7345")?.configurations.first)
        #expect(openedge.nodes[0].matches.map(\.summary).last == "+ cpe:2.3:a:progress:openedge:*:*:*:*:*:*:*:*")
        #expect(openedge.nodes[1].matches.map(\.summary) == ["- cpe:2.3:a:progress:openedge:12.8.0:*:*:*:*:*:*:*"])
    }

    @Test func gitVersionsAreDiagnosedAndSkipped() throws {
        let git = batch.diagnostics.filter { $0.kind == .unsupportedVersionType && $0.cve == CVEID("CVE-2021-46973") }
        #expect(git.count == 4)
        #expect(git.allSatisfy { $0.message.contains("versionType git") && $0.offset != nil })
        let configuration = try #require(batch.record("CVE-2021-46973")?.configurations.first)
        #expect(configuration.nodes[0].matches.map(\.summary) == ["+ cpe:2.3:o:linux:linux_kernel:5.8:*:*:*:*:*:*:*"])
        #expect(
            configuration.nodes[1].matches.first?.summary == "- cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:* [< 5.8]")
    }

    /// Red Hat writes CPE 2.2 URIs and RPM builds of a package under a product CPE.
    @Test func uriCPEsAreConvertedAndRPMVersionsSkipped() {
        #expect(criteria("CVE-2022-1438").first == "+ cpe:2.3:a:redhat:red_hat_single_sign_on:7.6:*:el7:*:*:*:*:*")
        let rpm = batch.diagnostics.filter { $0.cve == CVEID("CVE-2022-1438") }
        #expect(rpm.count == 4)
        #expect(rpm.allSatisfy { $0.kind == .unsupportedVersionType && $0.message.contains("builds of package") })
    }

    @Test func malformedCPEIsDiagnosedWithItsCVE() throws {
        let malformed = batch.diagnostics.filter { $0.kind == .malformedCPE }
        #expect(malformed.count == 1)
        let diagnostic = try #require(malformed.first)
        #expect(diagnostic.cve == CVEID("CVE-2023-33860"))
        #expect(diagnostic.message.contains("cpe:2.3:a:ibm:cpe:2.3:a:ibm:security_qradar_edr"))
        #expect(diagnostic.document == "cve5_selected-records.jsonl")
        #expect(batch.record("CVE-2023-33860")?.summary.isEmpty == false)
    }

    @Test func changesSplitARange() {
        #expect(
            criteria("CVE-2024-9463") == [
                "+ cpe:2.3:a:paloaltonetworks:expedition:*:*:*:*:*:*:*:* [>= 1.2.0, < 1.2.96]"
            ])
    }

    @Test func nonNumericUpperBoundsStayForTheMatcherToJudge() {
        #expect(criteria("CVE-2015-10123").first == "+ cpe:2.3:o:wago:750-352_firmware:*:*:*:*:*:*:*:* [<= FW13]")
    }

    @Test func everyDiagnosticNamesDocumentCVEAndOffset() {
        #expect(batch.diagnostics.count == 9)
        #expect(batch.diagnostics.allSatisfy { $0.cve != nil && $0.offset != nil })
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
