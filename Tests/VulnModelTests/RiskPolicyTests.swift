import Testing
import VulnModel

@Suite struct RiskPolicyTests {
    static let nvd = Provenance(kind: .nvdAPI, document: "nvdcve-2024.json.gz", provider: "nvd@nist.gov")
    static let cna = Provenance(kind: .cve5, document: "CVE-2024-0001.json", provider: "example")

    static func metric(
        _ vector: String,
        _ version: CVSSVersion,
        published: Double? = nil,
        role: CVSSMetric.Role = .primary,
        scorer: String? = "nvd@nist.gov"
    ) -> CVSSMetric {
        CVSSMetric(
            version: version, vector: vector, publishedScore: published, scorer: scorer, role: role,
            provenance: role == .primary ? nvd : cna)
    }

    // R15: 7.0 is high-risk, 6.9 is not, in every version.
    @Test(arguments: [
        ("(AV:N/AC:M/Au:S/C:N/I:P/A:C/E:H/RC:ND/CDP:MH)", CVSSVersion.v2, 7.0, true),
        ("(AV:N/AC:M/Au:M/C:P/I:P/A:C/RL:OF/CR:ND/AR:L)", .v2, 6.9, false),
        ("CVSS:3.0/AV:A/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N", .v30, 7.0, true),
        ("CVSS:3.0/AV:A/AC:H/PR:N/UI:N/S:C/C:H/I:L/A:N", .v30, 6.9, false),
        ("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", .v31, 7.0, true),
        ("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:L/I:N/A:H/MAV:N", .v31, 6.9, false),
        ("CVSS:4.0/AV:A/AC:L/AT:N/PR:H/UI:A/VC:L/VI:L/VA:H/SC:L/SI:L/SA:H/MAV:A/MSI:L/AR:H", .v40, 7.0, true),
        (
            "CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:P/VC:L/VI:N/VA:H/SC:L/SI:N/SA:H/AR:H/MPR:H/MUI:P/MSC:N/S:N/V:C/RE:M", .v40,
            6.9, false
        ),
    ])
    func thresholdIsInclusive(vector: String, version: CVSSVersion, score: Double, high: Bool) throws {
        let assessment = try #require(RiskPolicy().assess([Self.metric(vector, version)]))
        #expect(assessment.baseScore == score)
        #expect(assessment.highRisk == high)
        #expect(assessment.version == version)
        #expect(assessment.threshold == 7.0)
        #expect(assessment.scoreSource == .computed)
    }

    @Test(arguments: [(6.9, true), (7.0, true), (7.1, false), (9.0, false)])
    func thresholdIsConfigurable(threshold: Double, high: Bool) throws {
        let metrics = [Self.metric("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", .v31)]  // 7.0
        let assessment = try #require(RiskPolicy(threshold: threshold).assess(metrics))
        #expect(assessment.highRisk == high)
        #expect(assessment.threshold == threshold)
    }

    static let v2 = metric("AV:N/AC:L/Au:N/C:P/I:P/A:P", .v2)  // 7.5
    static let v30 = metric("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .v30)  // 9.8
    static let v31 = metric("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N", .v31)  // 3.7
    static let v40 = metric("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", .v40)  // 8.5

    @Test(arguments: [
        ([v2, v40, v30, v31], CVSSVersion.v31),
        ([v2, v40, v30], .v30),
        ([v2, v40], .v40),
        ([v2], .v2),
    ])
    func prefersV31ThenV30ThenV40ThenV2(metrics: [CVSSMetric], expected: CVSSVersion) throws {
        let assessment = try #require(RiskPolicy().assess(metrics))
        #expect(assessment.version == expected)
        #expect(assessment.vector == metrics.first { $0.version == expected }?.vector)
    }

    @Test func versionPreferenceIsConfigurable() throws {
        let policy = RiskPolicy(versionPreference: [.v40, .v31])
        #expect(try #require(policy.assess([Self.v2, Self.v31, Self.v40])).version == .v40)
        #expect(policy.assess([Self.v2, Self.v30]) == nil)
    }

    @Test func prefersNVDsPrimaryMetricWithinAVersion() throws {
        let secondary = Self.metric(
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .v31, role: .secondary, scorer: "example")  // 9.8
        let primary = Self.metric("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N", .v31)  // 6.5
        for metrics in [[secondary, primary], [primary, secondary]] {
            let assessment = try #require(RiskPolicy().assess(metrics))
            #expect(assessment.role == .primary)
            #expect(assessment.scorer == "nvd@nist.gov")
            #expect(assessment.provenance == Self.nvd)
            #expect(assessment.baseScore == 6.5)
            #expect(!assessment.highRisk)
        }
        // A secondary metric of a preferred version still beats a primary one of a less preferred version.
        let assessment = try #require(RiskPolicy().assess([Self.v30, secondary]))
        #expect(assessment.version == .v31)
        #expect(assessment.role == .secondary)
    }

    @Test func computesFromTheVectorNotThePublishedScore() throws {
        // Fortinet publishes the temporal score as baseScore (CVE-2021-42756: 9.3 for a 9.8 base vector).
        let metric = Self.metric(
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:U/RC:C", .v31, published: 9.3, role: .secondary)
        let assessment = try #require(RiskPolicy().assess([metric]))
        #expect(assessment.baseScore == 9.8)
        #expect(assessment.publishedScore == 9.3)
        #expect(assessment.scoreSource == .computed)
        #expect(assessment.severity == .critical)
    }

    @Test func fallsBackToThePublishedScoreWhenTheVectorDoesNotParse() throws {
        let broken = Self.metric("CVSS:3.1/AC:L/A:H/C:H/I:H/PR:N/S:U/UI:N", .v31, published: 9.8)  // no AV
        let assessment = try #require(RiskPolicy().assess([Self.v2, broken]))
        #expect(assessment.version == .v31)
        #expect(assessment.baseScore == 9.8)
        #expect(assessment.highRisk)
        #expect(assessment.severity == .critical)
        guard case .published(let error) = assessment.scoreSource else {
            Issue.record("expected the published score to be used, got \(assessment.scoreSource)")
            return
        }
        #expect(error.reason == .missingMetric("AV"))
    }

    @Test func skipsAMetricWithNeitherAValidVectorNorAPublishedScore() throws {
        let broken = Self.metric("CVSS:3.1/AV:N", .v31)
        let outOfRange = Self.metric("CVSS:3.1/AV:N", .v31, published: 42)
        let assessment = try #require(RiskPolicy().assess([broken, outOfRange, Self.v2]))
        #expect(assessment.version == .v2)
        #expect(assessment.baseScore == 7.5)
        #expect(RiskPolicy().assess([broken]) == nil)
        #expect(RiskPolicy().assess([]) == nil)
    }

    @Test func theVectorsOwnVersionWinsOverTheDeclaredOne() throws {
        // Declared as v3.0 but written as v3.1: scored, and ranked, as what it is.
        let mislabelled = Self.metric("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .v30)
        let assessment = try #require(RiskPolicy().assess([Self.v30, mislabelled]))
        #expect(assessment.version == .v31)
        #expect(assessment.vector == mislabelled.vector)
    }
}
