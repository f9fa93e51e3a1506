import FeedSync
import Testing
import VulnModel

/// Which products a knowledge-base change touches.
struct ProductChangesTests {
    static func record(_ id: String, criteria: [String], summary: String = "s", document: String = "a.json")
        -> CVERecord
    {
        guard let cve = CVEID(id) else { preconditionFailure("bad test CVE \(id)") }
        var record = CVERecord(id: cve, provenance: Provenance(kind: .nvdAPI, document: document))
        record.summary = summary
        record.configurations = [
            Configuration(nodes: [ConfigurationNode(matches: criteria.map { CPEMatch(vulnerable: true, criteria: $0) })]
            )
        ]
        return record
    }

    static func base(_ records: [CVERecord]) -> KnowledgeBase {
        KnowledgeBase(records: Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) }))
    }

    static let chrome = "cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*"
    static let firefox = "cpe:2.3:a:mozilla:firefox:*:*:*:*:*:*:*:*"
    static let escaped = "cpe:2.3:a:vendor\\:co:prod\\\\uct:1.0:*:*:*:*:*:*:*"

    @Test func onlyTheChangedCVEsProductsAreTouched() {
        let before = Self.base([
            Self.record("CVE-2024-0001", criteria: [Self.chrome]),
            Self.record("CVE-2024-0002", criteria: [Self.firefox]),
        ])
        let after = Self.base([
            Self.record("CVE-2024-0001", criteria: [Self.chrome], summary: "new text"),
            Self.record("CVE-2024-0002", criteria: [Self.firefox], document: "renamed.json"),
        ])
        #expect(ProductChanges.touched(before: before, after: after) == ["google:chrome"])
    }

    @Test func movedCriteriaTouchBothTheOldAndTheNewProduct() {
        let before = Self.base([Self.record("CVE-2024-0001", criteria: [Self.chrome])])
        let after = Self.base([Self.record("CVE-2024-0001", criteria: [Self.firefox])])
        #expect(ProductChanges.touched(before: before, after: after) == ["google:chrome", "mozilla:firefox"])
    }

    @Test func newAndRemovedCVEsAndEPSSChangesTouchTheirProducts() {
        let first = Self.record("CVE-2024-0001", criteria: [Self.chrome])
        var before = Self.base([first])
        let after = Self.base([first, Self.record("CVE-2024-0003", criteria: [Self.escaped])])
        #expect(ProductChanges.touched(before: before, after: after) == ["vendor\\:co:prod\\\\uct"])
        before.epss[first.id] = EPSSScore(
            cve: first.id, probability: 0.1, percentile: 0.5, provenance: Provenance(kind: .epss, document: "e"))
        #expect(ProductChanges.touched(before: before, after: after) == ["google:chrome", "vendor\\:co:prod\\\\uct"])
    }

    @Test(arguments: [
        ("cpe:2.3:o:microsoft:windows_10:1607:*:*:*:*:*:*:*", "microsoft:windows_10"),
        ("cpe:2.3:A:Vendor:Product:*:*:*:*:*:*:*:*", "vendor:product"),
        ("cpe:/a:google:chrome", nil),
        ("cpe:2.3:a:google", nil),
    ])
    func productOfACriterion(criteria: String, expected: String?) {
        #expect(ProductChanges.product(of: criteria) == expected)
    }
}
