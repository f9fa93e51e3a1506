import Governance
import Remediation
import Testing
import Versioning
import VulnModel

/// Decisions keyed by CVE + vendor:product + version range + scope apply to every later finding they cover.
@Suite struct DecisionTests {
    static func decision(
        _ id: String, scope: Decision.Scope, outcome: Decision.Outcome = .falsePositive,
        versions: VersionRange? = VersionRange(
            startIncluding: "2.0", startExcluding: nil, endIncluding: nil, endExcluding: "2.15.0"),
        madeOn: String = "2024-01-01", expires: String? = nil
    ) -> Decision {
        do {
            return try Decision(
                id: Decision.ID(id), cve: cve("CVE-2021-44228"),
                product: ProductRef(vendor: "apache", product: "log4j"),
                versions: versions, scope: scope, outcome: outcome, justification: "JndiLookup class removed",
                approver: "資安長", madeOn: day(madeOn), expires: expires.map(day))
        } catch { preconditionFailure("\(error)") }
    }

    static func item(_ version: String, product: String = "log4j") -> ItemVersion {
        ItemVersion(product: ProductRef(vendor: "apache", product: product), version: version)
    }

    @Test(arguments: [
        ("2.14.1", "log4j", "CVE-2021-44228", "2024-02-01", true),
        ("2.15.0", "log4j", "CVE-2021-44228", "2024-02-01", false),  // end excluded
        ("1.2.17", "log4j", "CVE-2021-44228", "2024-02-01", false),
        ("2.14.1", "tomcat", "CVE-2021-44228", "2024-02-01", false),
        ("2.14.1", "log4j", "CVE-2021-45046", "2024-02-01", false),
        ("2.14.1", "log4j", "CVE-2021-44228", "2023-12-31", false),  // before it was made
        ("2.14.1", "log4j", "CVE-2021-44228", "2024-07-01", false),  // expired
        ("unknown-build", "log4j", "CVE-2021-44228", "2024-02-01", false),  // indeterminate is not covered
    ])
    func coverage(version: String, product: String, id: String, on date: String, covered: Bool) {
        let decision = Self.decision("d1", scope: .national, expires: "2024-07-01")
        let finding = key(item: Self.item(version, product: product), cve: id)
        #expect(decision.covers(finding, on: day(date)) == covered)
    }

    @Test func theNarrowestScopeThenTheLatestWins() {
        let host = HostRef(agency: bureau, host: HostID("srv-01"))
        let book = DecisionBook([
            Self.decision("national", scope: .national, madeOn: "2024-01-05"),
            Self.decision("agency-old", scope: .agency(bureau), madeOn: "2024-01-01"),
            Self.decision("agency-new", scope: .agency(bureau), madeOn: "2024-01-03"),
            Self.decision("host", scope: .host(host), madeOn: "2024-01-02"),
        ])
        #expect(book.decision(for: key(item: Self.item("2.14.1")), on: day("2024-02-01"))?.id == Decision.ID("host"))
        #expect(
            book.decision(for: key(host: "srv-02", item: Self.item("2.14.1")), on: day("2024-02-01"))?.id
                == Decision.ID("agency-new"))
        #expect(
            book.decision(for: key(agency: county, item: Self.item("2.14.1")), on: day("2024-02-01"))?.id
                == Decision.ID("national"))
    }

    /// A later upload's finding is closed by the standing decision.
    @Test func aDecisionClosesALaterFinding() throws {
        let decision = Self.decision("accept", scope: .agency(bureau), outcome: .riskAccepted, expires: "2024-12-31")
        var later = makeRecord(.critical, firstSeen: "2024-05-01", key: key(item: Self.item("2.14.1")))
        try later.apply(.applyDecision(decision), on: day("2024-05-01"), by: "system")
        #expect(later.state == .riskAccepted)
        #expect(later.decision == Decision.ID("accept"))
        #expect(later.riskAcceptance?.expires == day("2024-12-31"))
        var uncovered = makeRecord(.critical, key: key(item: Self.item("2.16.0")))
        #expect(throws: RemediationError.self) {
            try uncovered.apply(.applyDecision(decision), on: day("2024-05-01"), by: "system")
        }
    }

    @Test func invalidDecisionsAreRefused() {
        #expect(throws: DecisionError(decision: Decision.ID("x"), problem: "a risk acceptance needs an expiry")) {
            try Decision(
                id: Decision.ID("x"), cve: cve("CVE-2021-44228"),
                product: ProductRef(vendor: "apache", product: "log4j"),
                versions: nil, scope: .national, outcome: .riskAccepted, justification: "j", approver: "a",
                madeOn: day("2024-01-01"), expires: nil)
        }
        #expect(throws: DecisionError.self) {
            try Decision(
                id: Decision.ID("y"), cve: cve("CVE-2021-44228"),
                product: ProductRef(vendor: "apache", product: "log4j"),
                versions: nil, scope: .national, outcome: .falsePositive, justification: "", approver: "a",
                madeOn: day("2024-01-01"), expires: nil)
        }
    }

    @Test(arguments: [
        ("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", "apache:log4j:2.14.1"),
        ("cpe:2.3:a:Apache:Log4j:2.14.1:*:*:*:*:*:*:*", "apache:log4j:2.14.1"),
    ])
    func itemsComeFromCPENames(cpe: String, expected: String) throws {
        #expect(try ItemVersion(cpe: cpe).description == expected)
    }

    @Test(arguments: ["cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*", "N/A", "cpe:2.3:a:apache"])
    func itemsWithoutAVersionAreRefused(cpe: String) {
        #expect(throws: ProductRefError.self) { try ItemVersion(cpe: cpe) }
    }
}
