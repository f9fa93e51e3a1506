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

/// `vans match --format products`: one entry per distinct CPE and CVE, counted per distinct item and shared
/// outcome, must say what grouping every host's finding says.
@Suite struct ItemFindingTests {
    @Test(.enabled(if: RealRecords.shared != nil)) func itemFindingsEqualGroupingEveryFinding() throws {
        let base = try #require(RealRecords.shared)
        let bridge = "cpe:2.3:a:adobe:bridge:11.0.1:*:*:*:*:*:*:*"
        // CVE-2021-35991 holds for Bridge only on Windows: affected on two hosts, indeterminate on one whose
        // Windows is unversioned, absent on the Linux host. OpenSSL without a version is indeterminate.
        let hosts: KeyValuePairs<String, [String]> = [
            "linux-box": ["cpe:2.3:o:linux:linux_kernel:5.10:*:*:*:*:*:*:*", bridge],
            "unknown-os": ["cpe:2.3:o:microsoft:windows:*:*:*:*:*:*:*:*", bridge, MatcherTests.chrome],
            "win-pc": [MatcherTests.windows, bridge, MatcherTests.chrome],
            "win-pc-2": [
                MatcherTests.windows, MatcherTests.chrome, bridge, "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
            ],
        ]
        let entries = hosts.flatMap { host, cpes in cpes.map { InventoryEntry(host: HostID(host), cpe: $0) } }
        let result = try Matcher(index: MatchIndex(knowledgeBase: base)).match(entries).get()
        var expected: [String: (affected: Int, indeterminate: Int, first: Finding)] = [:]
        var order: [String] = []
        for finding in result.findings {
            let key = "\(finding.cpe) \(finding.cve)"
            let affected = finding.status == .affected
            guard var known = expected[key] else {
                expected[key] = (affected ? 1 : 0, affected ? 0 : 1, finding)
                order.append(key)
                continue
            }
            if affected { known.affected += 1 } else { known.indeterminate += 1 }
            if affected && known.first.status != .affected { known.first = finding }
            expected[key] = known
        }
        var seen: [String] = []
        result.forEachItemFinding { item in
            let representative = result.representative(of: item)
            let key = "\(representative.cpe) \(representative.cve)"
            #expect((item.cpe, item.cve) == (representative.cpe, representative.cve))
            var evidence: [String] = []
            item.forEachEvidence { number, reason in
                let criterion = result.criterion(number)
                evidence.append("\(criterion.text) \(criterion.range ?? "-") \(reason ?? "-")")
            }
            let whole = representative.evidence.map { "\($0.criterion) \($0.range ?? "-") \($0.reason ?? "-")" }
            #expect(evidence == whole)
            seen.append(key)
            #expect(item.affectedHosts == expected[key]?.affected, "\(key)")
            #expect(item.indeterminateHosts == expected[key]?.indeterminate, "\(key)")
            #expect(representative == expected[key]?.first, "\(key)")
        }
        #expect(Set(seen) == Set(order) && seen.count == order.count)
        let bridgeCVE = try #require(expected["\(bridge) CVE-2021-35991"])
        #expect((bridgeCVE.affected, bridgeCVE.indeterminate) == (2, 1))
        #expect(bridgeCVE.first.host == HostID("win-pc"))
        #expect(expected.values.contains { $0.first.cpe.contains("openssl") && $0.indeterminate == 1 })
        // Items in order of first appearance, CVEs ascending within each.
        var appearance: [String: Int] = [:]
        for entry in entries where appearance[entry.cpe] == nil { appearance[entry.cpe] = appearance.count }
        let positions = seen.map { key in
            let parts = key.split(separator: " ")
            return (appearance[String(parts[0])] ?? -1, CVEID(parts[1]))
        }
        #expect(positions.allSatisfy { $0.0 >= 0 && $0.1 != nil })
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0.0 < $1.0 || $0.0 == $1.0 && $0.1! < $1.1! })
    }
}
