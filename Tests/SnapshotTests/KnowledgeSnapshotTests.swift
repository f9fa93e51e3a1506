import CPE
import Feeds
import Matching
import Snapshot
import TestSupport
import Testing
import VulnModel

@Suite struct KnowledgeSnapshotTests {
    /// The real fixture records (see scripts/fixtures/cut_matching_fixtures.py).
    static func knowledgeBase() throws -> KnowledgeBase {
        var builder = KnowledgeBase.Builder()
        for name in [
            "nvd-api-2.0-cases.json.gz", "nvd-feed-1.1-CVE-2021-3942.json.gz", "cve5-adp-only.jsonl.gz",
            "kev-subset.json.gz", "epss-subset.csv.gz",
        ] {
            builder.add(
                FeedDecoder.decode(try SharedData.bytes(at: SharedData.fixture("Matching/\(name)")), document: name))
        }
        return builder.build()
    }

    static let inventory: [InventoryEntry] = [
        ("pc", "cpe:2.3:o:microsoft:windows_10_22h2:10.0.19045.3448:*:*:*:*:*:x64:*"),
        ("pc", "cpe:2.3:a:adobe:bridge:11.0.1:*:*:*:*:*:*:*"),
        ("pc", "cpe:2.3:a:google:chrome:95.0.4638.54:*:*:*:*:*:*:*"),
        ("pc", "cpe:2.3:a:oracle:jre:1.8.0:*:*:*:*:*:*:*"),
        ("srv", "cpe:2.3:a:openssl:openssl:1.0.2zi:*:*:*:*:*:*:*"),
        ("printer", "cpe:2.3:o:hp:color_laserjet_cm4540_mfp_cc419a_firmware:3.5:*:*:*:*:*:*:*"),
        ("printer", "cpe:2.3:h:hp:color_laserjet_cm4540_mfp_cc419a:-:*:*:*:*:*:*:*"),
    ].map { InventoryEntry(host: HostID($0.0), cpe: $0.1) }

    @Test func matchingFromASnapshotEqualsMatchingFromTheFeeds() throws {
        let base = try Self.knowledgeBase()
        let index = MatchIndex(knowledgeBase: base)
        let contents = try KnowledgeSnapshot.decode(KnowledgeSnapshot.encode(knowledgeBase: base, index: index))
        #expect(contents.index.criterionCount == index.criterionCount)
        #expect(contents.index.cveCount == index.cveCount)
        #expect(contents.documents.map(\.document) == base.documents.map(\.document))

        let direct = try Matcher(index: index).match(Self.inventory).get().findings
        let restored = try Matcher(index: contents.index).match(Self.inventory).get().findings
        #expect(direct.count > 5)
        #expect(restored == direct)

        let policy = RiskPolicy()
        for cve in Set(direct.map(\.cve)) {
            let expected = base.assessment(of: cve, policy: policy)
            let actual = contents.assessments.assessment(of: cve, policy: policy)
            #expect(actual.risk == expected.risk)
            #expect(actual.kev == expected.kev)
            #expect(actual.epss == expected.epss)
            #expect(actual.references == expected.references)
            #expect(actual.summary == expected.summary)
            #expect(contents.assessments.flags(of: cve, policy: policy) == CVEFlags(expected))
            let strict = RiskPolicy(threshold: 9.8)
            #expect(
                contents.assessments.flags(of: cve, policy: strict)
                    == CVEFlags(base.assessment(of: cve, policy: strict)))
        }
    }

    /// The fixed versions the desk shows come from the index, so a snapshot-loaded service shows them too: for every
    /// CVE and vulnerable product of the fixture, the `versionEndExcluding` bounds its configurations give.
    @Test func fixedVersionsFromTheIndexEqualTheFeedsBothBuiltAndRestored() throws {
        let base = try Self.knowledgeBase()
        let index = MatchIndex(knowledgeBase: base)
        let restored = try KnowledgeSnapshot.decode(KnowledgeSnapshot.encode(knowledgeBase: base, index: index)).index
        var expected: [String: Set<String>] = [:]
        for (cve, record) in base.records where record.status != .rejected {
            for match in record.configurations.flatMap(\.allMatches) where match.vulnerable {
                let name = try CPEName(formattedString: match.criteria)
                guard let vendor = name[.vendor].logical?.lowercased(),
                    let product = name[.product].logical?.lowercased()
                else { continue }
                let key = "\(cve) \(vendor) \(product)"
                expected[key, default: []].formUnion(match.versionEndExcluding.map { [$0] } ?? [])
            }
        }
        #expect(expected.values.filter { !$0.isEmpty }.count > 20)
        for (key, versions) in expected {
            let parts = key.split(separator: " ").map(String.init)
            let cve = try #require(CVEID(parts[0]))
            #expect(index.fixedVersions(of: cve, vendor: parts[1], product: parts[2]) == versions.sorted(), "\(key)")
            #expect(restored.fixedVersions(of: cve, vendor: parts[1], product: parts[2]) == versions.sorted(), "\(key)")
        }
        #expect(index.fixedVersions(of: try #require(CVEID("CVE-1999-0001")), vendor: "x", product: "y").isEmpty)
    }

    /// Decodes the rows' part of a snapshot held in memory of its own, as a mapped file is (records are read in
    /// place for as long as the contents live).
    static func selective(_ bytes: [UInt8], _ rows: [InventoryEntry]) throws -> KnowledgeSnapshot.Contents {
        let held = HeldBytes(bytes)
        return try KnowledgeSnapshot.decode(
            UnsafeRawBufferPointer(held.bytes), reach: Matcher.reach(of: rows), owner: held)
    }

    final class HeldBytes: @unchecked Sendable {
        let bytes: UnsafeMutableRawBufferPointer

        init(_ source: [UInt8]) {
            bytes = .allocate(byteCount: source.count, alignment: 8)
            source.withUnsafeBytes { bytes.copyMemory(from: $0) }
        }

        deinit { bytes.deallocate() }
    }

    /// The whole inventory, one host's rows (a Windows release implying the generic platform), hardware with its
    /// firmware (a running-on condition), and a product no CVE names.
    @Test(arguments: [
        KnowledgeSnapshotTests.inventory, Array(KnowledgeSnapshotTests.inventory.prefix(4)),
        Array(KnowledgeSnapshotTests.inventory.suffix(3)), [KnowledgeSnapshotTests.inventory[0]],
        [InventoryEntry(host: HostID("x"), cpe: "cpe:2.3:a:nobody:nothing:1:*:*:*:*:*:*:*")],
        KnowledgeSnapshotTests.debian("7"), KnowledgeSnapshotTests.debian("12.0.0"), KnowledgeSnapshotTests.debian("*"),
    ])
    func aSelectiveLoadMatchesLikeTheWholeSnapshot(rows: [InventoryEntry]) throws {
        let base = try Self.knowledgeBase()
        let bytes = KnowledgeSnapshot.encode(knowledgeBase: base, index: MatchIndex(knowledgeBase: base))
        let whole = try KnowledgeSnapshot.decode(bytes)
        let part = try Self.selective(bytes, rows)
        #expect(part.index.cveCount < whole.index.cveCount)
        #expect(part.documents.map(\.document) == whole.documents.map(\.document))
        let direct = try Matcher(index: whole.index).match(rows).get().findings
        #expect(try Matcher(index: part.index).match(rows).get().findings == direct)
        // Criteria no row can hit are stand-ins in the part: fixed versions read only the finding's product's.
        for finding in direct {
            let name = try CPEName(formattedString: finding.cpe)
            let vendor = name[.vendor].logical?.lowercased() ?? ""
            let product = name[.product].logical?.lowercased() ?? ""
            #expect(
                part.index.fixedVersions(of: finding.cve, vendor: vendor, product: product)
                    == whole.index.fixedVersions(of: finding.cve, vendor: vendor, product: product))
        }
        let policy = RiskPolicy()
        for cve in Set(direct.map(\.cve)) {
            let expected = whole.assessments.assessment(of: cve, policy: policy)
            let actual = part.assessments.assessment(of: cve, policy: policy)
            #expect(actual.risk == expected.risk)
            #expect(actual.kev == expected.kev)
            #expect(actual.epss == expected.epss)
            #expect(actual.references == expected.references)
            #expect(actual.summary == expected.summary)
            #expect(part.assessments.flags(of: cve, policy: policy) == CVEFlags(expected))
            #expect(
                part.assessments.flags(of: cve, policy: RiskPolicy(threshold: 9.8))
                    == CVEFlags(
                        whole.assessments.assessment(of: cve, policy: RiskPolicy(threshold: 9.8))))
        }
    }

    static func debian(_ version: String) -> [InventoryEntry] {
        [InventoryEntry(host: HostID("deb"), cpe: "cpe:2.3:o:debian:debian_linux:\(version):*:*:*:*:*:*:*")]
    }

    /// Exact-version criteria (`debian_linux:7.0`, `:12.0`) are reached only by rows of a version the comparator
    /// calls equal, or by a row that names no version; their CVEs are left out otherwise.
    @Test func exactVersionCriteriaOfOtherVersionsAreLeftOut() throws {
        let base = try Self.knowledgeBase()
        let bytes = KnowledgeSnapshot.encode(knowledgeBase: base, index: MatchIndex(knowledgeBase: base))
        func reached(_ version: String) throws -> Set<String> {
            let contents = try Self.selective(bytes, Self.debian(version))
            return Set((0..<contents.index.cveCount).map { contents.index.cves[$0].id.description })
        }
        let old = "CVE-2014-2490"
        let recent: Set = ["CVE-2023-6345", "CVE-2023-44487"]
        #expect(try reached("7").contains(old) && reached("7").isDisjoint(with: recent))
        #expect(try reached("12.0.0").isSuperset(of: recent) && !reached("12.0.0").contains(old))
        #expect(try reached("*").isSuperset(of: recent.union([old])))
    }

    /// A CVE in which the rows' products are only a running-on condition is left out: Bridge on Windows is
    /// reached by a Windows row only together with a Bridge row.
    @Test func aCVEWhereTheRowsAreOnlyAConditionIsLeftOut() throws {
        let base = try Self.knowledgeBase()
        let bytes = KnowledgeSnapshot.encode(knowledgeBase: base, index: MatchIndex(knowledgeBase: base))
        func reached(_ rows: [InventoryEntry]) throws -> Set<String> {
            let contents = try Self.selective(bytes, rows)
            return Set((0..<contents.index.cveCount).map { contents.index.cves[$0].id.description })
        }
        let windows = Self.inventory[0]
        let bridge = Self.inventory[1]
        #expect(try !reached([windows]).contains("CVE-2021-35991"))
        #expect(try reached([windows, bridge]).contains("CVE-2021-35991"))
        #expect(try reached([bridge]).contains("CVE-2021-35991"))
    }

    @Test func anUnknownCVEGetsTheNVDPageAndNothingElse() throws {
        let base = try Self.knowledgeBase()
        let contents = try KnowledgeSnapshot.decode(
            KnowledgeSnapshot.encode(knowledgeBase: base, index: MatchIndex(knowledgeBase: base))
        )
        let assessment = contents.assessments.assessment(of: CVEID(year: 1999, number: 1), policy: RiskPolicy())
        #expect(assessment.risk == nil && assessment.kev == nil)
        #expect(assessment.references.map(\.url) == ["https://nvd.nist.gov/vuln/detail/CVE-1999-0001"])
    }

    @Test func damageIsReportedWithAnOffsetNeverACrash() throws {
        let base = try Self.knowledgeBase()
        let bytes = KnowledgeSnapshot.encode(knowledgeBase: base, index: MatchIndex(knowledgeBase: base))
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0xFF
        var wrongMagic = bytes
        wrongMagic[0] = UInt8(ascii: "X")
        // A length no `Int` holds (the body's, after magic, version and checksum) is an error, not a trap.
        var hugeLength = bytes
        for position in 20..<28 { hugeLength[position] = 0xFF }
        let truncated = [Array(bytes.prefix(bytes.count - 10)), Array(bytes.prefix(20)), []]
        for damaged in [flipped, wrongMagic, hugeLength] + truncated {
            #expect(throws: SnapshotError.self) { try KnowledgeSnapshot.decode(damaged) }
        }
        // The assessment records' own length, the last field before them: after the header (whose body length, at
        // 20, also counts the bytes after it), the first place whose value is the number of bytes after it.
        func value(at position: Int) -> Int {
            var value = 0
            for byte in bytes[position..<position + 8].reversed() { value = value << 8 | Int(byte) }
            return value
        }
        let recordsLength = try #require((28..<(bytes.count - 8)).first { value(at: $0) == bytes.count - $0 - 8 })
        var hugeRecords = bytes  // Int.max: a sum with it would overflow
        for position in recordsLength..<recordsLength + 8 { hugeRecords[position] = 0xFF }
        hugeRecords[recordsLength + 7] = 0x7F
        // A selective load skips the checksum (it reads a few records), but never reads past what is there.
        for damaged in [wrongMagic, hugeLength, hugeRecords] + truncated {
            #expect(throws: SnapshotError.self) { try Self.selective(damaged, Self.inventory) }
        }
    }
}
