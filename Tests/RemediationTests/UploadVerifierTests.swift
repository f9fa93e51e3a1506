import Governance
import Remediation
import Testing
import VulnModel

/// R21: closes as `remediated (verified)` when a later upload of the host no longer has the vulnerable version;
/// one that comes back is reopened and flagged.
@Suite struct UploadVerifierTests {
    static let host = HostRef(agency: bureau, host: HostID("srv-01"))
    static let fixed = ItemVersion(product: log4j.product, version: "2.17.1")

    static func upload(_ date: String, _ items: [ItemVersion], host: HostRef = host) -> HostUpload {
        HostUpload(host: host, day: day(date), items: Set(items))
    }

    @Test func aLaterUploadWithoutTheVersionVerifiesTheFix() throws {
        var records = [makeRecord(.critical), makeRecord(.critical, key: key(host: "srv-02"))]
        let outcomes = UploadVerifier().verify(&records, against: Self.upload("2024-04-01", [Self.fixed]))
        #expect(outcomes.map(\.key) == [key()])
        #expect(records[0].statusLabel == "remediated (verified)")
        #expect(records[1].state == .open, "another host is not touched")
    }

    @Test func aReturningVersionReopensAndFlags() throws {
        var records = [makeRecord(.critical)]
        let verifier = UploadVerifier()
        _ = verifier.verify(&records, against: Self.upload("2024-04-01", [Self.fixed]))
        let outcomes = verifier.verify(&records, against: Self.upload("2024-05-01", [log4j]))
        #expect(outcomes.first?.reappeared == true)
        #expect(records[0].state == .open && records[0].reappeared && records[0].reopenCount == 1)
        #expect(records[0].reopenedOn == day("2024-05-01"))
        // The reopened clock restarts: 30 days from the reopening.
        #expect(SLAPolicy.standard.deadline(for: records[0])?.day == day("2024-05-31"))
    }

    @Test(arguments: [
        ("claimed, still present", "claim", [log4j], RemediationState.open, true),
        ("claimed, absent", "claim", [], .remediated, false),
        ("retired, back", "retire", [log4j], .open, true),
        ("false positive, absent", "falsePositive", [], .falsePositive, false),
        ("false positive, present", "falsePositive", [log4j], .falsePositive, false),
        ("mitigated, absent", "mitigate", [], .remediated, false),
        ("mitigated, present", "mitigate", [log4j], .mitigated, false),
    ])
    func observationsByState(
        name: String, action: String, items: [ItemVersion], expected: RemediationState, flagged: Bool
    ) throws {
        var subject = makeRecord(.critical)
        let actions: [String: RemediationAction] = [
            "claim": .claimRemediated(evidence: "patched"), "retire": .retireAsset(evidence: "removed"),
            "falsePositive": .markFalsePositive(justification: "not loaded"),
            "mitigate": .mitigate(measure: "WAF rule", evidence: "rule id 7"),
        ]
        try subject.apply(actions[action] ?? .addEvidence("x"), on: day("2024-03-02"), by: "林")
        var records = [subject]
        _ = UploadVerifier().verify(&records, against: Self.upload("2024-04-01", items))
        #expect(records[0].state == expected, "\(name)")
        #expect(records[0].reappeared == flagged, "\(name)")
    }

    @Test func aHostMissingFromTheUploadProvesNothing() {
        var records = [makeRecord(.critical)]
        let outcomes = UploadVerifier().verify(
            &records, against: Self.upload("2024-04-01", [], host: HostRef(agency: bureau, host: HostID("other"))))
        #expect(outcomes.isEmpty && records[0].state == .open)
    }
}
