import Matching
import Testing
import VulnModel

/// The phases split at arbitrary points (rows, items, hosts, contexts) give what one pass gives, and host tallies
/// count what the fanned-out findings list.
@Suite struct PhasedMatchTests {
    /// Hosts mixing simple and host-dependent CVEs, implied platforms, duplicated rows and hosts whose rows are
    /// not contiguous.
    static let entries: [InventoryEntry] = {
        var rows: [InventoryEntry] = []
        for host in 0..<30 {
            let cpes = [
                host % 3 == 0
                    ? "cpe:2.3:o:microsoft:windows_10_22h2:10.0.19045.3448:*:*:*:*:*:x64:*"
                    : "cpe:2.3:o:linux:linux_kernel:5.10:*:*:*:*:*:*:*",
                "cpe:2.3:a:adobe:bridge:11.0.\(host % 2):*:*:*:*:*:*:*",
                "cpe:2.3:a:google:chrome:119.0.6045.\(100 + host % 5):*:*:*:*:*:*:*",
                "cpe:2.3:a:openssl:openssl:1.0.2z\(["h", "i", "j"][host % 3]):*:*:*:*:*:*:*",
                "cpe:2.3:o:hp:color_laserjet_cm4540_mfp_cc419a_firmware:3.\(host % 4):*:*:*:*:*:*:*",
                "cpe:2.3:h:hp:color_laserjet_cm4540_mfp_cc419a:-:*:*:*:*:*:*:*",
                "cpe:2.3:a:google:chrome:-:*:*:*:*:*:*:*",
            ]
            rows += cpes.map { InventoryEntry(host: HostID("host-\(host)"), cpe: $0) }
        }
        // A host listed again further down, with a row it already had.
        rows.append(InventoryEntry(host: HostID("host-0"), cpe: "cpe:2.3:a:adobe:bridge:11.0.0:*:*:*:*:*:*:*"))
        rows.append(InventoryEntry(host: HostID("host-0"), cpe: "cpe:2.3:a:openssl:openssl:3.0.12:*:*:*:*:*:*:*"))
        return rows
    }()

    static func phased(
        _ matcher: Matcher, _ entries: [InventoryEntry] = entries, rows: Int, items: Int, hosts: Int, contexts: Int,
        evidence: Bool = true
    ) throws -> MatchResult {
        let plan = try matcher.plan(split(entries.count, rows).map { matcher.readRows(entries, $0) }).get()
        // Pieces handed over out of order, as a task group may.
        let itemPieces = split(plan.itemCount, items).map { plan.matchItems($0) }.reversed()
        let contextPieces = split(plan.hostCount, hosts).map {
            plan.collectContexts(hosts: $0, items: Array(itemPieces))
        }
        let merged = plan.mergeContexts(contextPieces.reversed())
        let findings = split(merged.count, contexts).map {
            plan.evaluate($0, of: merged, items: Array(itemPieces), evidence: evidence)
        }
        return plan.result(items: Array(itemPieces), contexts: merged, findings: findings.reversed())
    }

    static let struts = "cpe:2.3:a:apache:struts:1.1:*:*:*:*:*:*:*"

    static func split(_ count: Int, _ pieces: Int) -> [Range<Int>] {
        let size = max(1, (count + pieces - 1) / pieces)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    @Test(
        .enabled(if: RealRecords.shared != nil), arguments: [(1, 1, 1, 1), (2, 3, 2, 2), (7, 5, 4, 3), (64, 11, 30, 9)])
    func splittingThePhasesChangesNothing(_ splits: (Int, Int, Int, Int)) throws {
        let matcher = Matcher(index: MatchIndex(knowledgeBase: try #require(RealRecords.shared)))
        let single = try matcher.match(Self.entries).get()
        let phased = try Self.phased(matcher, rows: splits.0, items: splits.1, hosts: splits.2, contexts: splits.3)
        #expect(single.findings.count > 100)
        #expect(phased.findings == single.findings)
        #expect(phased.hosts == single.hosts)
        #expect(phased.outcomeCount == single.outcomeCount)
    }

    /// Host-dependent CVEs evaluated for counting only (`vans match --format summary`) share one evaluation between
    /// findings whose indeterminate states differ only in their reasons: the tallies stay those of the findings.
    @Test(.enabled(if: RealRecords.shared != nil), arguments: [(1, 1, 1, 1), (7, 5, 4, 3)])
    func countingWithoutEvidenceTalliesTheSame(_ splits: (Int, Int, Int, Int)) throws {
        let matcher = Matcher(index: MatchIndex(knowledgeBase: try #require(RealRecords.shared)))
        func tallies(_ result: MatchResult) -> [HostID: SIMD8<Int32>] {
            var tallied: [HostID: SIMD8<Int32>] = [:]
            result.forEachHostTally(
                { cve, status in
                    SIMD8(1, status == .affected ? 1 : 0, Int32(cve.number % 1000), 0, 0, 0, 0, 0)
                },
                { host, tally in tallied[host] = tally }
            )
            return tallied
        }
        // Versions a range cannot decide, some on Windows hosts and some on Linux ones: indeterminate findings of
        // host-dependent CVEs, with reasons naming each version. And Struts 1.1, which CVE-2015-0899 names both as
        // such (affected) and with update values the row leaves open (indeterminate): the strongest hit counts.
        let entries =
            Self.entries
            + (0..<6).flatMap { host in
                ["*", "11.0.x", "-", "beta\(host)"].map {
                    InventoryEntry(host: HostID("host-\(host)"), cpe: "cpe:2.3:a:adobe:bridge:\($0):*:*:*:*:*:*:*")
                }
            }
            + (0..<4).map { InventoryEntry(host: HostID("host-\($0)"), cpe: Self.struts) }
        let listed = try matcher.match(entries).get()
        let counted = try Self.phased(
            matcher, entries, rows: splits.0, items: splits.1, hosts: splits.2, contexts: splits.3, evidence: false)
        #expect(tallies(counted) == tallies(listed))
        #expect(counted.outcomeCount == listed.outcomeCount)
        let hostDependent = listed.findings.filter { finding in
            finding.evidence.contains { !$0.platform.isEmpty }
        }
        let struts = listed.findings.filter { $0.cpe == Self.struts && $0.cve.description == "CVE-2015-0899" }
        #expect(struts.count == 4 && struts.allSatisfy { $0.status == .affected })
        #expect(struts.first.map { Set($0.evidence.map { $0.reason == nil }) } == [true, false])
        #expect(hostDependent.contains { $0.status == .indeterminate })
        #expect(hostDependent.contains { $0.status == .affected })
    }

    @Test(.enabled(if: RealRecords.shared != nil)) func hostTalliesCountTheListedFindings() throws {
        let result = try Matcher(index: MatchIndex(knowledgeBase: try #require(RealRecords.shared)))
            .match(Self.entries).get()
        var listed: [HostID: SIMD8<Int32>] = [:]
        for finding in result.findings {
            let affected: Int32 = finding.status == .affected ? 1 : 0
            let mark: Int32 = finding.cve.description.hasPrefix("CVE-2023") ? 1 : 0
            listed[finding.host, default: SIMD8()] &+= SIMD8(1, affected, 1 - affected, mark, 0, 0, 0, 0)
        }
        var tallied: [HostID: SIMD8<Int32>] = [:]
        result.forEachHostTally(
            { cve, status in
                let affected: Int32 = status == .affected ? 1 : 0
                return SIMD8(1, affected, 1 - affected, cve.description.hasPrefix("CVE-2023") ? 1 : 0, 0, 0, 0, 0)
            },
            { host, tally in tallied[host] = tally }
        )
        #expect(tallied.count == result.hosts.count)
        #expect(tallied.values.contains { $0[1] > 0 } && tallied.values.contains { $0[2] > 0 })
        for host in result.hosts { #expect(tallied[host] == (listed[host] ?? SIMD8()), "\(host)") }
    }

    @Test(.enabled(if: RealRecords.shared != nil)) func malformedRowsAreRejectedAcrossRanges() throws {
        let matcher = Matcher(index: MatchIndex(knowledgeBase: try #require(RealRecords.shared)))
        var entries = Self.entries
        for row in [3, 4, 150] { entries[row].cpe = "cpe:2.3:a:google:chrome" }
        let pieces = Self.split(entries.count, 4).map { matcher.readRows(entries, $0) }
        guard case .failure(let error) = matcher.plan(pieces.reversed()) else {
            Issue.record("expected the malformed rows to be refused")
            return
        }
        #expect(error.rejected.map(\.row) == [3, 4, 150])
    }
}
