import CPE
import Testing

@Suite struct CPEValueTests {
    /// NISTIR 7696 §7.3 `contains_wildcards` examples.
    @Test(arguments: [
        (CPEValue.value("foo"), false), (.value(#"foo\?"#), false), (.value("foo?"), true),
        (.value(#"\*bar"#), false), (.value("*bar"), true), (.any, false), (.notApplicable, false),
    ])
    func containsWildcards(value: CPEValue, expected: Bool) {
        #expect(value.containsWildcards == expected)
    }

    @Test(arguments: [
        ("notepad++", #"notepad\+\+"#), ("12.1(14)e7", #"12\.1\(14\)e7"#), ("Acrobat_Reader", "Acrobat_Reader"),
        ("*", #"\*"#), ("what?", #"what\?"#), (#"back\slash"#, #"back\\slash"#), ("-beta", #"\-beta"#),
    ])
    func quotesLogicalText(logical: String, quoted: String) throws {
        let value = try CPEValue(logical: logical)
        #expect(value == .value(quoted))
        #expect(value.logical == logical)
        #expect(!value.containsWildcards)
    }

    @Test(arguments: [("", 0), ("a b", 1), ("-", 0), ("caf\u{e9}", 3), ("tab\there", 3)])
    func refusesTextACPECannotHold(logical: String, offset: Int) {
        #expect {
            try CPEValue(logical: logical)
        } throws: { error in
            (error as? CPEParseError)?.offset == offset
        }
    }

    @Test func logicalValuesHaveNoText() {
        #expect(CPEValue.any.logical == nil)
        #expect(CPEValue.notApplicable.logical == nil)
        #expect(CPEValue.value("8\\.*").logical == "8.*")
    }

    @Test func attributesKnowTheirWFNNames() {
        #expect(
            CPEAttribute.allCases.map(\.wfnName).joined(separator: ",")
                == "part,vendor,product,version,update,edition,language,sw_edition,target_sw,target_hw,other")
        #expect(CPEAttribute(wfnName: "Target_HW") == .targetHW)
        #expect(CPEAttribute(wfnName: "colour") == nil)
    }
}
