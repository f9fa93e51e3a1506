import Testing
import Versioning

/// One NVD-style range and a version with the expected membership: `in`, `out` or `?`.
struct RangeCase: CustomTestStringConvertible, Sendable {
    var startIncluding: String? = nil
    var startExcluding: String? = nil
    var endIncluding: String? = nil
    var endExcluding: String? = nil
    let version: String
    let expected: String

    var testDescription: String {
        let bounds = [
            startIncluding.map { ">=\($0)" }, startExcluding.map { ">\($0)" }, endIncluding.map { "<=\($0)" },
            endExcluding.map { "<\($0)" },
        ]
        return "\(version) \(expected) [\(bounds.compactMap { $0 }.joined(separator: ", "))]"
    }

    var range: VersionRange {
        VersionRange(
            startIncluding: startIncluding, startExcluding: startExcluding, endIncluding: endIncluding,
            endExcluding: endExcluding)
    }
}

func label(_ membership: RangeMembership) -> String {
    switch membership {
    case .inside: "in"
    case .outside: "out"
    case .indeterminate: "?"
    }
}

@Suite struct VersionRangeTests {
    /// Bounds taken from real criteria: CVE-2021-3449 (OpenSSL), CVE-2000-1254 (OpenSSL ≤ 0.9.5), Chrome, Java,
    /// Windows 10 22H2 builds, Cisco IOS.
    static let cases: [RangeCase] = [
        RangeCase(startIncluding: "1.1.1", endExcluding: "1.1.1k", version: "1.1.1j", expected: "in"),
        RangeCase(startIncluding: "1.1.1", endExcluding: "1.1.1k", version: "1.1.1", expected: "in"),
        RangeCase(startIncluding: "1.1.1", endExcluding: "1.1.1k", version: "1.1.1k", expected: "out"),
        RangeCase(startIncluding: "1.1.1", endExcluding: "1.1.1k", version: "1.1.0l", expected: "out"),
        RangeCase(startIncluding: "1.1.1", endExcluding: "1.1.1k", version: "3.0.0", expected: "out"),
        RangeCase(endIncluding: "0.9.5", version: "0.9.5", expected: "in"),
        RangeCase(endIncluding: "0.9.5", version: "0.9.5a", expected: "out"),
        RangeCase(endIncluding: "0.9.5", version: "0.9.4", expected: "in"),
        RangeCase(endExcluding: "120.0.6099.109", version: "120.0.6099.71", expected: "in"),
        RangeCase(endExcluding: "120.0.6099.109", version: "120.0.6099.109", expected: "out"),
        RangeCase(startExcluding: "1.8.0", endIncluding: "1.8.0:update_381", version: "1.8.0_381", expected: "in"),
        RangeCase(startExcluding: "1.8.0", endIncluding: "1.8.0:update_381", version: "1.8.0_391", expected: "out"),
        RangeCase(startExcluding: "1.8.0", endIncluding: "1.8.0:update_381", version: "1.8.0", expected: "out"),
        RangeCase(
            startIncluding: "10.0.19045.0", endExcluding: "10.0.19045.3693", version: "10.0.19045.3570",
            expected: "in"),
        RangeCase(endExcluding: "2.0.0", version: "2.0.0-rc1", expected: "in"),
        RangeCase(startIncluding: "2.0.0", version: "2.0.0-rc1", expected: "out"),
        RangeCase(endExcluding: "15.2(4)m2", version: "15.2(4)m1", expected: "in"),
        // Indeterminate answers: a needed comparison has no honest answer.
        RangeCase(startIncluding: "1.0", endExcluding: "2.0", version: "1.0_enterprise", expected: "?"),
        RangeCase(endExcluding: "2.4.6", version: "2.4.051", expected: "?"),
        RangeCase(endExcluding: "10.2", version: "20230101", expected: "?"),
        RangeCase(endExcluding: "", version: "1.0", expected: "?"),
        RangeCase(startIncluding: "1.0", startExcluding: "1.0", version: "1.5", expected: "?"),
        // One bound decides even when the other cannot be compared.
        RangeCase(startIncluding: "1.0", endExcluding: "4.0", version: "5.0_enterprise", expected: "out"),
        RangeCase(startIncluding: "2.0", endExcluding: "3.0", version: "1.0_enterprise", expected: "out"),
        RangeCase(version: "anything at all", expected: "in"),
    ]

    @Test(arguments: cases)
    func membership(_ row: RangeCase) {
        #expect(label(row.range.contains(Version(row.version))) == row.expected)
    }

    @Test func indeterminateReasonNamesTheTwoVersions() {
        let range = VersionRange(startIncluding: "1.0", startExcluding: nil, endIncluding: nil, endExcluding: "2.0")
        guard case .indeterminate(let reason) = range.contains(Version("1.0_enterprise")) else {
            Issue.record("expected indeterminate")
            return
        }
        #expect(reason.contains("\"1.0_enterprise\"") && reason.contains("\"1.0\""))
    }

    @Test func boundsFromVersions() {
        let range = VersionRange(start: .excluding(Version("1.0.2")), end: .including(Version("1.0.2k")))
        #expect(range.contains(Version("1.0.2a")) == .inside)
        #expect(range.contains(Version("1.0.2")) == .outside)
        #expect(range.start?.version.raw == "1.0.2")
    }

    /// Exact criteria: NVD `1.0` is the release 1.0, which inventories also write `1.0.0`; it is not the 1.0 series.
    static let exact: [(criterion: String, version: String, expected: String)] = [
        ("1.0", "1.0.0", "in"),
        ("1.0.0", "1.0", "in"),
        ("1.0", "1.0", "in"),
        ("1.0", "1.0.5", "out"),
        ("1.0", "1.0-rc1", "out"),
        ("1.0.2k", "1.0.2k", "in"),
        ("1.0.2k", "1.0.2l", "out"),
        ("12.1\\(14\\)e7", "12.1(14)e7", "in"),
        ("1.8.0:update_381", "1.8.0_381", "in"),
        ("1.0", "1.0_enterprise", "?"),
        ("1.02", "1.2", "?"),
    ]

    @Test(arguments: exact)
    func exactCriterion(_ row: (criterion: String, version: String, expected: String)) {
        #expect(label(Version(row.version).satisfies(exactly: Version(row.criterion))) == row.expected)
    }
}
