import CPE
import Testing

@Suite struct ComparisonTests {
    /// NISTIR 7696 Table 6-2, one row each, with the key's examples: i = "foo", k = "bar", m + wild cards = "*b??".
    @Test(arguments: [
        (1, CPEValue.any, CPEValue.any, CPERelation.equal),
        (2, .any, .notApplicable, .superset),
        (3, .any, .value("foo"), .superset),
        (4, .any, .value("*b??"), .undefined),
        (5, .notApplicable, .any, .subset),
        (6, .notApplicable, .notApplicable, .equal),
        (7, .notApplicable, .value("foo"), .disjoint),
        (8, .notApplicable, .value("*b??"), .undefined),
        (9, .value("foo"), .value("foo"), .equal),
        (10, .value("foo"), .value("bar"), .disjoint),
        (11, .value("foo"), .value("*b??"), .undefined),
        (12, .value("foo"), .notApplicable, .disjoint),
        (13, .value("foo"), .any, .subset),
        (14, .value("*b??"), .value("bar"), .superset),
        (14, .value("*b??"), .value("bark"), .disjoint),
        (15, .value("*b??"), .any, .subset),
        (16, .value("*b??"), .notApplicable, .disjoint),
        (17, .value("*b??"), .value("*ba?"), .undefined),
    ])
    func table6_2(row: Int, source: CPEValue, target: CPEValue, expected: CPERelation) {
        #expect(source.relation(to: target) == expected, "Table 6-2 line \(row)")
    }

    /// §6.1's line-14 examples, §6.3's zero-or-one `?`, and letter case.
    @Test(arguments: [
        (#"9\.*"#, #"9\.3"#, CPERelation.superset),
        (#"9\.*"#, #"8\.3"#, .disjoint),
        ("?foo", "foo", .superset),
        ("?foo", "xfoo", .superset),
        ("?foo", "xyfoo", .disjoint),
        ("foo??", "foo", .superset),
        ("foo??", "foo12", .superset),
        ("foo??", "foo123", .disjoint),
        ("??", "ab", .superset),
        ("??", "abc", .disjoint),
        ("*SOFT*", "microsoft_office", .superset),
        ("*soft", "microsoft_office", .disjoint),
        ("MicroSoft", "microsoft", .equal),
        (#"sp\?"#, "sp1", .disjoint),
        (#"1\.0?"#, #"1\.0a"#, .superset),
        // The pseudocode subtracts the matched part's backslashes twice and would call this a superset.
        (#"1\.0?"#, #"1\.0ab"#, .disjoint),
        (#"?\(14\)e7"#, #"1\(14\)e7"#, .superset),
        (#"*\(14\)e?"#, #"12\.1\(14\)e7"#, .superset),
    ])
    func wildcardStrings(source: String, target: String, expected: CPERelation) {
        #expect(CPEValue.value(source).relation(to: .value(target)) == expected)
    }

    /// NISTIR 7696 Table 6-3, in WFN form, and the name relation it yields.
    @Test func table6_3() throws {
        let source = try CPEName(
            wfn: #"wfn:[part="a",vendor="Adobe",product=ANY,version="9\.*",update=ANY,edition="PalmOS"]"#)
        let target = try CPEName(
            wfn: #"wfn:[part="a",vendor=ANY,product="Reader",version="9\.3\.2",update=NA,edition=NA]"#)
        let comparison = source.compare(to: target)
        let expected: [CPERelation] = [.equal, .subset, .superset, .superset, .superset, .disjoint]
        #expect(Array(comparison.relations.prefix(6)) == expected)
        #expect(comparison[.language] == .equal)
        #expect(comparison.relation == .disjoint)
        #expect(!source.matches(target))
    }

    struct NameCase: Sendable, CustomTestStringConvertible {
        var source: String
        var target: String
        var relation: CPERelation
        var disjoint = false
        var equal = false
        var subset = false
        var superset = false
        var testDescription: String { "\(source) vs \(target)" }
    }

    /// NISTIR 7696 Table 6-4 and the examples of §1 and Appendix B.
    @Test(arguments: [
        NameCase(
            source:
                #"wfn:[part="a",vendor="microsoft",product="internet_explorer",version="8\.*",update=ANY,edition=ANY,language=ANY]"#,
            target:
                #"wfn:[part="a",vendor="microsoft",product="internet_explorer",version="8\.0\.6001",update=NA,edition=NA,language="en\-us"]"#,
            relation: .superset, superset: true),
        NameCase(
            source: #"wfn:[part="o",vendor="microsoft",product="windows_2000"]"#,
            target: #"wfn:[part="o",vendor="microsoft",product="windows_2000",update="sp3",edition="pro"]"#,
            relation: .superset, superset: true),
        NameCase(
            source: #"wfn:[part="o",vendor="microsoft",product="windows_2000"]"#,
            target: #"wfn:[part="a",vendor="microsoft",product="ie",version="5\.5"]"#,
            relation: .disjoint, disjoint: true),
        NameCase(
            source: #"wfn:[part="a",vendor="microsoft",product="ie",version="5\.5"]"#,
            target: #"wfn:[part="a",vendor="microsoft",product="ie"]"#,
            relation: .subset, subset: true),
        NameCase(
            source: #"wfn:[part="a",vendor="Microsoft",product="IE"]"#,
            target: #"wfn:[part="a",vendor="microsoft",product="ie"]"#,
            relation: .equal, equal: true, subset: true, superset: true),
        NameCase(
            source: #"wfn:[part="a",vendor="microsoft",product="ie"]"#,
            target: #"wfn:[vendor="microsoft",product="ie",version="5\.5"]"#,
            relation: .undefined),
        NameCase(
            source: #"wfn:[part="a",vendor="microsoft",product="ie"]"#,
            target: #"wfn:[part="a",vendor="microsoft",product="ie",version="5\.*"]"#,
            relation: .undefined),
    ])
    func table6_4(_ example: NameCase) throws {
        let comparison = try CPEName(wfn: example.source).compare(to: CPEName(wfn: example.target))
        #expect(comparison.relation == example.relation)
        #expect(comparison.isDisjoint == example.disjoint)
        #expect(comparison.isEqual == example.equal)
        #expect(comparison.isSubset == example.subset)
        #expect(comparison.isSuperset == example.superset)
        #expect(try CPEName(wfn: example.source).matches(CPEName(wfn: example.target)) == example.superset)
    }

    @Test func nvdCriterionMatchesInventoryName() throws {
        let criterion = try CPEName(formattedString: #"cpe:2.3:a:notepad-plus-plus:notepad\+\+:*:*:*:*:*:*:*:*"#)
        let installed = try CPEName(formattedString: #"cpe:2.3:a:notepad-plus-plus:notepad\+\+:8.6.2:*:*:*:*:*:x64:*"#)
        #expect(criterion.matches(installed))
        #expect(!installed.matches(criterion))
        #expect(installed.compare(to: criterion).relation == .subset)
    }
}
