import CPE
import Testing

@Suite struct WFNTests {
    /// The allowable value strings listed under NISTIR 7695 Figure 5-1, and NISTIR 7696 §5.2's legal wildcard uses.
    @Test(arguments: [
        #"foo\-bar"#, "Acrobat_Reader", #"\"oh_my\!\""#, #"g\+\+"#, #"9\.?"#, "sr*", #"big\$money"#, #"foo\:bar"#,
        #"back\\slash_software"#, #"with_quoted\~tilde"#, "*SOFT*", #"8\.??"#, #"*8\.??"#,
        "?foo", "bar?", "?baz?", "??foo", "bar???", "??baz???", "*foo", "bar*", "*baz*", "?foo*", "*bar??", "?", "???",
    ])
    func acceptsLegalValues(quoted: String) throws {
        #expect(try CPEValue(quoted: quoted) == .value(quoted))
    }

    /// NISTIR 7696 §5.2's illegal wildcard uses and NISTIR 7695 §5.3.2's other restrictions.
    @Test(arguments: [
        ("foo?bar", CPEParseError.Kind.misplacedWildcard), ("bar??baz", .misplacedWildcard),
        ("q??x", .misplacedWildcard),
        ("foo*bar", .misplacedWildcard), ("**foo", .misplacedWildcard), ("bar***", .misplacedWildcard),
        ("*?foobar", .misplacedWildcard), ("foobar*?", .misplacedWildcard), ("*", .misplacedWildcard),
        ("?*", .misplacedWildcard), ("", .emptyValue), (#"\-"#, .illegalCharacter), ("8.0", .illegalCharacter),
        ("a b", .illegalCharacter), (#"a\b"#, .badEscape), (#"a\"#, .badEscape), (#"a\ b"#, .badEscape),
    ])
    func refusesIllegalValues(quoted: String, kind: CPEParseError.Kind) {
        #expect {
            try CPEValue(quoted: quoted)
        } throws: { error in
            (error as? CPEParseError)?.kind == kind
        }
    }

    /// NISTIR 7695 §5.5 examples, which the formatted string binding must reproduce.
    @Test(arguments: [
        (
            #"wfn:[part="a",vendor="microsoft",product="internet_explorer","#
                + "\n" + #"version="8\.0\.6001",update="beta",edition=NA]"#,
            "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:-:*:*:*:*:*"
        ),
        (
            #"wfn:[part="a",vendor="microsoft",product="internet_explorer","#
                + "\n" + #"version="8\.*",update="sp?",edition=NA,language=ANY]"#,
            "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:-:*:*:*:*:*"
        ),
        (
            #"wfn:[part="a",vendor="hp",product="openview_network_manager", version="7\.51",update=NA,"#
                + #"target_sw="linux"]"#,
            "cpe:2.3:a:hp:openview_network_manager:7.51:-:*:*:*:linux:*:*"
        ),
        (
            #"wfn:[part="a",vendor="foo\\bar",product="big\$money_2010", sw_edition="special",target_sw="ipod_touch"]"#,
            #"cpe:2.3:a:foo\\bar:big\$money_2010:*:*:*:*:special:ipod_touch:*:*"#
        ),
        (" wfn:[ ] ", "cpe:2.3:*:*:*:*:*:*:*:*:*:*:*"),
    ])
    func parsesWFNText(wfn: String, formatted: String) throws {
        let name = try CPEName(wfn: wfn)
        #expect(name.formattedString == formatted)
        #expect(try CPEName(wfn: name.wfn) == name)
    }

    @Test(arguments: [
        (#"wfn:[part="a",colour="red"]"#, 14, CPEParseError.Kind.unknownAttribute),
        (#"wfn:[part="a",PART="o"]"#, 14, .duplicateAttribute),
        (#"wfn:[part="x"]"#, 11, .badPart),
        (#"wfn:[part=NA]"#, 10, .badPart),
        (#"wfn:[vendor=any]"#, 12, .badSyntax),
        (#"wfn:[vendor="ms""#, 16, .badSyntax),
        (#"wfn:[vendor="ms]"#, 12, .badSyntax),
        (#"wfn:[vendor="ms"] x"#, 18, .badSyntax),
        (#"wfn:[version="8.0"]"#, 15, .illegalCharacter),
        (#"wfn:[language="en-us"]"#, 17, .illegalCharacter),
        (#"wfn:[language="english"]"#, 15, .badLanguage),
        (#"cpe:[part="a"]"#, 0, .badPrefix),
    ])
    func malformedWFNTextFailsWithOffset(wfn: String, offset: Int, kind: CPEParseError.Kind) {
        #expect {
            try CPEName(wfn: wfn)
        } throws: { error in
            guard let error = error as? CPEParseError else { return false }
            return error.offset == offset && error.kind == kind
        }
    }
}
