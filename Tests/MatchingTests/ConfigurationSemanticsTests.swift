import Matching
import TestSupport
import Testing
import VulnModel

/// NVD configuration semantics on real records (see scripts/fixtures/cut_matching_fixtures.py).
@Suite struct ConfigurationSemanticsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let cve: String
        let cpe: String
        let expected: FindingStatus?
        var testDescription: String { "\(cve) × \(cpe) → \(expected?.rawValue ?? "none")" }
    }

    static let singleItemCases: [Case] = [
        // Chrome: versionEndExcluding 119.0.6045.199
        Case(cve: "CVE-2023-6345", cpe: "cpe:2.3:a:google:chrome:119.0.6045.159:*:*:*:*:*:*:*", expected: .affected),
        Case(cve: "CVE-2023-6345", cpe: "cpe:2.3:a:google:chrome:119.0.6045.199:*:*:*:*:*:*:*", expected: nil),
        Case(cve: "CVE-2023-6345", cpe: "cpe:2.3:a:google:chrome:120.0.6099.71:*:*:*:*:*:*:*", expected: nil),
        Case(cve: "CVE-2023-6345", cpe: "cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*", expected: .indeterminate),
        // OpenSSL letter versions: [1.0.2, 1.0.2zj), [1.1.1, 1.1.1x), [3.0.0, 3.0.13), [3.1.0, 3.1.5)
        Case(cve: "CVE-2023-5678", cpe: "cpe:2.3:a:openssl:openssl:1.1.1w:*:*:*:*:*:*:*", expected: .affected),
        Case(cve: "CVE-2023-5678", cpe: "cpe:2.3:a:openssl:openssl:1.1.1x:*:*:*:*:*:*:*", expected: nil),
        Case(cve: "CVE-2023-5678", cpe: "cpe:2.3:a:openssl:openssl:1.0.2zi:*:*:*:*:*:*:*", expected: .affected),
        Case(cve: "CVE-2023-5678", cpe: "cpe:2.3:a:openssl:openssl:1.0.2zj:*:*:*:*:*:*:*", expected: nil),
        Case(cve: "CVE-2023-5678", cpe: "cpe:2.3:a:openssl:openssl:1.0.1u:*:*:*:*:*:*:*", expected: nil),
        Case(cve: "CVE-2023-5678", cpe: "cpe:2.3:a:openssl:openssl:3.0.12:*:*:*:*:*:*:*", expected: .affected),
        Case(cve: "CVE-2023-5678", cpe: "cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*", expected: nil),
        Case(cve: "CVE-2009-1377", cpe: "cpe:2.3:a:openssl:openssl:0.9.8h:*:*:*:*:*:*:*", expected: .affected),
        // Windows 10 22H2 builds: versionEndExcluding 10.0.19045.3570
        Case(
            cve: "CVE-2023-44487",
            cpe: "cpe:2.3:o:microsoft:windows_10_22h2:10.0.19045.3448:*:*:*:*:*:x64:*",
            expected: .affected
        ),
        Case(
            cve: "CVE-2023-44487",
            cpe: "cpe:2.3:o:microsoft:windows_10_22h2:10.0.19045.3570:*:*:*:*:*:x64:*",
            expected: nil
        ),
        Case(
            cve: "CVE-2023-44487",
            cpe: "cpe:2.3:o:microsoft:windows_10_22h2:10.0.19045.3693:*:*:*:*:*:x64:*",
            expected: nil
        ),
        // Attributes beyond the version: jre 1.8.0 update5
        Case(cve: "CVE-2014-2490", cpe: "cpe:2.3:a:oracle:jre:1.8.0:update5:*:*:*:*:*:*", expected: .affected),
        Case(cve: "CVE-2014-2490", cpe: "cpe:2.3:a:oracle:jre:1.8.0:update20:*:*:*:*:*:*", expected: nil),
        Case(cve: "CVE-2014-2490", cpe: "cpe:2.3:a:oracle:jre:1.8.0:*:*:*:*:*:*:*", expected: .indeterminate),
        Case(cve: "CVE-2014-2490", cpe: "cpe:2.3:a:oracle:jre:1.7.0:update5:*:*:*:*:*:*", expected: nil),
        // Struts 1.1 is named as such and with update values (b1, rc1, …): met exactly, so affected, whatever the
        // update criteria leave open.
        Case(cve: "CVE-2015-0899", cpe: "cpe:2.3:a:apache:struts:1.1:*:*:*:*:*:*:*", expected: .affected),
        Case(cve: "CVE-2015-0899", cpe: "cpe:2.3:a:apache:struts:1.1:b2:*:*:*:*:*:*", expected: .affected),
        Case(cve: "CVE-2015-0899", cpe: "cpe:2.3:a:apache:struts:1.2:*:*:*:*:*:*:*", expected: nil),
    ]

    @Test(.enabled(if: RealRecords.shared != nil), arguments: singleItemCases)
    func singleItem(_ testCase: Case) {
        let findings = RealRecords.match(["pc-01": [testCase.cpe]]).only(testCase.cve)
        #expect(findings.first?.status == testCase.expected)
        #expect(findings.count <= 1)
    }

    @Test(.enabled(if: RealRecords.shared != nil)) func evidenceNamesCriterionRangeAndSource() throws {
        let finding = try #require(
            RealRecords.match(["pc-01": ["cpe:2.3:a:google:chrome:119.0.6045.159:*:*:*:*:*:*:*"]])
                .only("CVE-2023-6345").first
        )
        let evidence = try #require(finding.evidence.first)
        #expect(evidence.criterion == "cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*")
        #expect(evidence.range == "< 119.0.6045.199")
        #expect(evidence.platform.isEmpty)
        #expect(evidence.source.kind == .nvdAPI)
        #expect(evidence.source.document == "nvd-api-2.0-cases.json.gz")
    }

    @Test(.enabled(if: RealRecords.shared != nil)) func unspecifiedVersionIsIndeterminateWithAReason() throws {
        let finding = try #require(
            RealRecords.match(["pc-01": ["cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*"]]).only("CVE-2023-6345").first
        )
        #expect(finding.status == .indeterminate)
        #expect(finding.evidence.first?.reason?.contains("no version") == true)
    }

    // An application CVE that applies only on Windows: Adobe Bridge <= 11.0.2 AND running on windows:-.
    @Test(.enabled(if: RealRecords.shared != nil)) func applicationOnlyWithItsOperatingSystem() throws {
        let bridge = "cpe:2.3:a:adobe:bridge:11.0.1:*:*:*:*:*:*:*"
        let windows = "cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*"
        let findings = RealRecords.match([
            "win-pc": [windows, bridge],
            "linux-box": ["cpe:2.3:o:linux:linux_kernel:5.10:*:*:*:*:*:*:*", bridge],
            "unknown-os": ["cpe:2.3:o:microsoft:windows:*:*:*:*:*:*:*:*", bridge],
        ]).only("CVE-2021-35991")
        let onWindows = try #require(findings.first { $0.host == HostID("win-pc") })
        #expect(onWindows.status == .affected)
        #expect(onWindows.cpe == bridge)
        #expect(onWindows.evidence.first?.platform == [PlatformEvidence(criterion: windows, range: nil, item: windows)])
        #expect(!findings.contains { $0.host == HostID("linux-box") })
        let unknown = try #require(findings.first { $0.host == HostID("unknown-os") })
        #expect(unknown.status == .indeterminate)
    }

    // Versions that cannot be ordered against the range (a year scheme against `<= 11.0.2`) share one memoised
    // evaluation on the same host, yet each finding's reason names its own version.
    @Test(.enabled(if: RealRecords.shared != nil)) func sharedEvaluationKeepsEachItemsOwnReason() throws {
        let versions = ["2023.1", "2024.2"]
        let findings = RealRecords.match([
            "pc": ["cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*"]
                + versions.map { "cpe:2.3:a:adobe:bridge:\($0):*:*:*:*:*:*:*" }
        ]).only("CVE-2021-35991")
        #expect(findings.count == 2)
        for (version, other) in zip(versions, versions.reversed()) {
            let finding = try #require(findings.first { $0.cpe.contains(":\(version):") })
            #expect(finding.status == .indeterminate)
            let reason = try #require(finding.evidence.first?.reason)
            #expect(reason.contains(version), "\(reason)")
            #expect(!reason.contains(other), "\(reason)")
        }
    }

    // A host listing its Windows release runs Windows: the generic platform name is implied, and says by what.
    @Test(.enabled(if: RealRecords.shared != nil)) func windowsReleaseImpliesTheGenericPlatform() throws {
        let bridge = "cpe:2.3:a:adobe:bridge:11.0.1:*:*:*:*:*:*:*"
        let release = "cpe:2.3:o:microsoft:windows_10_22h2:10.0.19045.3448:*:*:*:*:*:x64:*"
        let findings = RealRecords.match(["pc": [release, bridge]])
        let finding = try #require(findings.only("CVE-2021-35991").first)
        #expect(finding.status == .affected)
        #expect(finding.cpe == bridge)
        let platform = try #require(finding.evidence.first?.platform.first)
        #expect(platform.item == "cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*")
        #expect(platform.impliedBy == release)
        #expect(!findings.contains { $0.cpe == platform.item }, "implied names get no findings of their own")
    }

    // Firmware with its hardware: AMD Ryzen PRO 5650G firmware AND running with the 5650G.
    @Test(.enabled(if: RealRecords.shared != nil)) func firmwareAndHardware() throws {
        let firmware = "cpe:2.3:o:amd:ryzen_pro_5650g_firmware:-:*:*:*:*:*:*:*"
        let hardware = "cpe:2.3:h:amd:ryzen_pro_5650g:-:*:*:*:*:*:*:*"
        let findings = RealRecords.match([
            "paired": [firmware, hardware],
            "firmware-only": [firmware],
            "other-cpu": [firmware, "cpe:2.3:h:amd:ryzen_pro_5750g:-:*:*:*:*:*:*:*"],
        ]).only("CVE-2020-12965")
        #expect(findings.map(\.host) == [HostID("paired")])
        #expect(findings.first?.cpe == firmware)
        #expect(findings.first?.evidence.first?.platform.first?.item == hardware)
    }

    // The huge configuration: 2,879 AND nodes of HP printer firmware and hardware.
    @Test(.enabled(if: RealRecords.shared != nil)) func hugeConfiguration() throws {
        let base = try #require(RealRecords.shared)
        let id = try #require(CVEID("CVE-2021-3942"))
        let record = try #require(base.records[id])
        #expect(record.configurations.flatMap(\.allMatches).count == 5821)
        let firmware = "cpe:2.3:o:hp:color_laserjet_cm4540_mfp_cc419a_firmware:3.5:*:*:*:*:*:*:*"
        let hardware = "cpe:2.3:h:hp:color_laserjet_cm4540_mfp_cc419a:-:*:*:*:*:*:*:*"
        let patched = "cpe:2.3:o:hp:color_laserjet_cm4540_mfp_cc419a_firmware:3.9.9:*:*:*:*:*:*:*"
        let findings = RealRecords.match(["printer": [firmware, hardware], "patched": [patched, hardware]])
            .only("CVE-2021-3942")
        #expect(findings.map(\.host) == [HostID("printer")])
        #expect(findings.first?.status == .affected)
    }

    // No record in ../shared/data carries `negate: true` (0 of 1.73 million criteria), so this case takes the
    // real CVE-2014-8177 (gluster 3.1 running on RHEL 6; gluster server 3.1 running on RHEL 7) and negates its
    // RHEL 6 platform node: "gluster 3.1 not running on RHEL 6".
    @Test(.enabled(if: RealRecords.shared != nil)) func negatedNodeInvertsThePlatformCondition() throws {
        let gluster = "cpe:2.3:a:redhat:gluster_storage_server:3.1:*:*:*:*:*:*:*"
        let rhel6 = "cpe:2.3:o:redhat:enterprise_linux:6.0:*:*:*:*:*:*:*"
        let hosts: KeyValuePairs<String, [String]> = ["on-rhel": [gluster, rhel6], "alone": [gluster]]

        let original = RealRecords.match(hosts).only("CVE-2014-8177")
        #expect(original.map(\.host) == [HostID("on-rhel")])

        let negated = try RealRecords.knowledgeBase(
            editing: { record in
                for configuration in record.configurations.indices {
                    for node in record.configurations[configuration].nodes.indices
                    where record.configurations[configuration].nodes[node].matches.contains(where: {
                        $0.criteria == rhel6
                    }) {
                        record.configurations[configuration].nodes[node].negate = true
                    }
                }
            },
            of: "CVE-2014-8177"
        )
        let findings = RealRecords.match(hosts, in: negated).only("CVE-2014-8177")
        #expect(findings.map(\.host) == [HostID("alone")])
        #expect(findings.first?.status == .affected)
    }

    // CVE-2021-38000 has no NVD record here: Chrome < 95.0.4638.69 comes from CISA ADP CPEs and versions.
    @Test(.enabled(if: RealRecords.shared != nil)) func matchedThroughCVE5WhenNVDHasNoConfiguration() throws {
        let findings = RealRecords.match(["pc-01": ["cpe:2.3:a:google:chrome:95.0.4638.54:*:*:*:*:*:*:*"]])
            .only("CVE-2021-38000")
        let finding = try #require(findings.first)
        #expect(finding.status == .affected)
        #expect(finding.evidence.first?.source.kind == .cve5)
        #expect(finding.evidence.first?.source.provider == "CISA-ADP")
        #expect(
            RealRecords.match(["pc-01": ["cpe:2.3:a:google:chrome:95.0.4638.69:*:*:*:*:*:*:*"]]).only("CVE-2021-38000")
                .isEmpty)
    }
}
