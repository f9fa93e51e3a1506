import Matching
import Testing
import VulnModel

@Suite struct MatcherTests {
    static let chrome = "cpe:2.3:a:google:chrome:119.0.6045.159:*:*:*:*:*:*:*"
    static let bridge = "cpe:2.3:a:adobe:bridge:11.0.1:*:*:*:*:*:*:*"
    static let windows = "cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*"

    @Test(.enabled(if: RealRecords.shared != nil)) func identicalHostsShareOneEvaluation() throws {
        let base = try #require(RealRecords.shared)
        var entries: [InventoryEntry] = []
        for host in 0..<500 {
            for cpe in [Self.windows, Self.bridge, Self.chrome, Self.chrome] {
                entries.append(InventoryEntry(host: HostID("pc-\(host)"), cpe: cpe))
            }
        }
        let result = try Matcher(index: MatchIndex(knowledgeBase: base)).match(entries).get()
        #expect(result.hosts.count == 500)
        #expect(result.distinctItemCount == 3)
        #expect(result.outcomeCount == 1)
        let findings = result.findings
        #expect(findings.count == result.findingCount)
        let perHost = Dictionary(grouping: findings, by: \.host)
        let first = try #require(perHost[HostID("pc-0")]).map { "\($0.cpe) \($0.cve)" }
        #expect(Set(first).count == first.count, "a duplicated row yields one finding per CVE")
        #expect(perHost.values.allSatisfy { $0.map { "\($0.cpe) \($0.cve)" } == first })
        #expect(first.contains("\(Self.chrome) CVE-2023-6345"))
        #expect(first.contains("\(Self.bridge) CVE-2021-35991"))
    }

    @Test(.enabled(if: RealRecords.shared != nil)) func findingsAreOrderedByHostThenCVE() throws {
        let findings = RealRecords.match([
            "b": ["cpe:2.3:a:openssl:openssl:1.0.2zi:*:*:*:*:*:*:*"],
            "a": ["cpe:2.3:a:openssl:openssl:0.9.8h:*:*:*:*:*:*:*", Self.chrome],
        ])
        let hosts = findings.map(\.host.rawValue)
        let lastB = try #require(hosts.lastIndex(of: "b"))
        let firstA = try #require(hosts.firstIndex(of: "a"))
        #expect(lastB < firstA, "hosts in input order")
        for (host, group) in Dictionary(grouping: findings, by: \.host) {
            for (cpe, same) in Dictionary(grouping: group, by: \.cpe) {
                #expect(same.map(\.cve) == same.map(\.cve).sorted(), "\(host) \(cpe)")
            }
        }
    }

    @Test(.enabled(if: RealRecords.shared != nil)) func malformedRowsAreRejectedWithTheirPositions() throws {
        let base = try #require(RealRecords.shared)
        let entries = [
            InventoryEntry(host: HostID("a"), cpe: Self.chrome),
            InventoryEntry(host: HostID("a"), cpe: "cpe:2.3:a:google:chrome"),
            InventoryEntry(host: HostID("b"), cpe: "cpe:/a:google:chrome:1"),
        ]
        let outcome = Matcher(index: MatchIndex(knowledgeBase: base)).match(entries)
        guard case .failure(let error) = outcome else {
            Issue.record("expected the malformed rows to be refused")
            return
        }
        #expect(error.rejected.map(\.row) == [1, 2])
    }
}
