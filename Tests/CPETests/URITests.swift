import CPE
import Testing

@Suite struct URITests {
    /// NISTIR 7695 §6.1.2.4 (binding) examples, given as the WFN and the URI it binds to.
    @Test(arguments: [
        (
            #"wfn:[part="a",vendor="microsoft",product="internet_explorer",version="8\.0\.6001",update="beta",edition=ANY]"#,
            "cpe:/a:microsoft:internet_explorer:8.0.6001:beta"
        ),
        (
            #"wfn:[part="a",vendor="microsoft",product="internet_explorer",version="8\.*",update="sp?"]"#,
            "cpe:/a:microsoft:internet_explorer:8.%02:sp%01"
        ),
        (
            #"wfn:[part="a",vendor="hp",product="insight_diagnostics",version="7\.4\.0\.1570",update=NA,"#
                + #"sw_edition="online",target_sw="win2003",target_hw="x64"]"#,
            "cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~"
        ),
        (
            #"wfn:[part="a",vendor="hp",product="openview_network_manager",version="7\.51",target_sw="linux"]"#,
            "cpe:/a:hp:openview_network_manager:7.51::~~~linux~~"
        ),
        (
            #"wfn:[part="a",vendor="foo\\bar",product="big\$money_manager_2010",sw_edition="special","#
                + #"target_sw="ipod_touch",target_hw="80gb"]"#,
            "cpe:/a:foo%5cbar:big%24money_manager_2010:::~~special~ipod_touch~80gb~"
        ),
    ])
    func bindsToURI(wfn: String, uri: String) throws {
        let name = try CPEName(wfn: wfn)
        #expect(name.uri == uri)
        #expect(try CPEName(uri: uri) == name)
    }

    /// NISTIR 7695 §6.1.3.3 (unbinding) examples 1–5 and 7.
    @Test(arguments: [
        (
            "cpe:/a:microsoft:internet_explorer:8.0.6001:beta",
            #"wfn:[part="a",vendor="microsoft",product="internet_explorer",version="8\.0\.6001",update="beta"]"#
        ),
        (
            "cpe:/a:microsoft:internet_explorer:8.%2a:sp%3f",
            #"wfn:[part="a",vendor="microsoft",product="internet_explorer",version="8\.\*",update="sp\?"]"#
        ),
        (
            "cpe:/a:microsoft:internet_explorer:8.%02:sp%01",
            #"wfn:[part="a",vendor="microsoft",product="internet_explorer",version="8\.*",update="sp?"]"#
        ),
        (
            "cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~",
            #"wfn:[part="a",vendor="hp",product="insight_diagnostics",version="7\.4\.0\.1570",update=ANY,"#
                + #"edition=ANY,sw_edition="online",target_sw="win2003",target_hw="x64",other=ANY,language=ANY]"#
        ),
        (
            "cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~",
            #"wfn:[part="a",vendor="hp",product="openview_network_manager",version="7\.51",update=NA,"#
                + #"edition=ANY,sw_edition=ANY,target_sw="linux",target_HW=ANY,other=ANY,language=ANY]"#
        ),
        (
            "cpe:/a:foo~bar:big%7emoney_2010",
            #"wfn:[part="a",vendor="foo\~bar",product="big\~money_2010",version=ANY,update=ANY,edition=ANY,"#
                + #"language=ANY]"#
        ),
        (
            "CPE:/A:Microsoft:IE:5.5:::EN-US",
            #"wfn:[part="a",vendor="microsoft",product="ie",version="5\.5",language="en\-us"]"#
        ),
        ("cpe:/", "wfn:[]"),
        ("cpe:/o:vendor:product::::", #"wfn:[part="o",vendor="vendor",product="product"]"#),
    ])
    func unbindsURI(uri: String, wfn: String) throws {
        #expect(try CPEName(uri: uri) == CPEName(wfn: wfn))
    }

    @Test(arguments: [
        // NISTIR 7695 §6.1.3.3.6 and §6.1.3.3.8.
        (
            "cpe:/a:foo%5cbar:big%24money_2010%07:::~~special~ipod_touch~80gb~", 33,
            CPEParseError.Kind.badPercentEncoding
        ),
        ("cpe:/a:foo:bar:12.%02.1234", 18, .misplacedWildcard),
        ("cpe:/a:foo:bar:1.0:%2d", 19, .badPercentEncoding),
        ("cpe:/a:foo:bar:1.0:%2", 19, .badPercentEncoding),
        ("cpe:/a:foo:bar+baz", 14, .illegalCharacter),
        ("cpe:/x:foo", 5, .badPart),
        ("cpe:/-:foo", 5, .badPart),
        ("cpe:/a:foo:bar:1:2:3:en:extra", 23, .componentCount),
        ("cpe:/a:foo:bar:1:2:~a~b~c", 25, .badPackedEdition),
        ("cpe:/a:foo:bar:1:2:3:english", 21, .badLanguage),
        ("cpe:/a:foo:%02", 11, .misplacedWildcard),
        ("cpe:2.3:a:foo", 4, .badPrefix),
    ])
    func malformedURIsFailWithOffset(uri: String, offset: Int, kind: CPEParseError.Kind) {
        #expect {
            try CPEName(uri: uri)
        } throws: { error in
            guard let error = error as? CPEParseError else { return false }
            return error.offset == offset && error.kind == kind
        }
    }

    @Test func packedOtherKeepsLaterTildes() throws {
        let name = try CPEName(uri: "cpe:/a:v:p:1:2:~e~s~t~h~o~x")
        #expect(name[.other] == .value(#"o\~x"#))
        #expect(name.uri == "cpe:/a:v:p:1:2:~e~s~t~h~o%7ex")
    }

    @Test func formattedStringAndURIConvertRoundTrip() throws {
        let formatted = #"cpe:2.3:a:foo\\bar:big\$money:2010:*:*:*:special:ipod_touch:80gb:*"#
        let uri = try CPEName(formattedString: formatted).uri
        #expect(uri == "cpe:/a:foo%5cbar:big%24money:2010::~~special~ipod_touch~80gb~")
        #expect(try CPEName(uri: uri).formattedString == formatted)
    }
}
