import CPE
import Testing

@Suite struct FormattedStringTests {
    /// NISTIR 7695 §6.2.3.3 (unbinding) and §6.2.2.3 (binding) examples, plus real NVD names with quoting.
    static let pairs: [(formatted: String, wfn: String)] = [
        (
            #"cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*"#,
            #"wfn:[part="a",vendor="microsoft",product="internet_explorer",version="8\.0\.6001",update="beta","#
                + #"edition=ANY,language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]"#
        ),
        (
            #"cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*"#,
            #"wfn:[part="a",vendor="microsoft",product="internet_explorer",version="8\.*",update="sp?","#
                + #"edition=ANY,language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]"#
        ),
        (
            #"cpe:2.3:a:microsoft:internet_explorer:8.\*:sp?:*:*:*:*:*:*"#,
            #"wfn:[part="a",vendor="microsoft",product="internet_explorer",version="8\.\*",update="sp?","#
                + #"edition=ANY,language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]"#
        ),
        (
            #"cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*"#,
            #"wfn:[part="a",vendor="hp",product="insight_diagnostics",version="7\.4\.0\.1570",update=NA,"#
                + #"edition=ANY,language=ANY,sw_edition="online",target_sw="win2003",target_hw="x64",other=ANY]"#
        ),
        (
            #"cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*"#,
            #"wfn:[part="a",vendor="hp",product="openview_network_manager",version="7\.51",update=ANY,"#
                + #"edition=ANY,language=ANY,sw_edition=ANY,target_sw="linux",target_hw=ANY,other=ANY]"#
        ),
        (
            #"cpe:2.3:a:foo\\bar:big\$money:2010:*:*:*:special:ipod_touch:80gb:*"#,
            #"wfn:[part="a",vendor="foo\\bar",product="big\$money",version="2010",update=ANY,edition=ANY,"#
                + #"language=ANY,sw_edition="special",target_sw="ipod_touch",target_hw="80gb",other=ANY]"#
        ),
        (
            #"cpe:2.3:a:notepad-plus-plus:notepad\+\+:7.5.1:*:*:*:*:*:*:*"#,
            #"wfn:[part="a",vendor="notepad\-plus\-plus",product="notepad\+\+",version="7\.5\.1",update=ANY,"#
                + #"edition=ANY,language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]"#
        ),
        (
            #"cpe:2.3:o:cisco:ios:12.1\(14\)e7:*:*:*:*:*:*:*"#,
            #"wfn:[part="o",vendor="cisco",product="ios",version="12\.1\(14\)e7",update=ANY,edition=ANY,"#
                + #"language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]"#
        ),
        (
            #"cpe:2.3:*:qemu:qemu:1\:3.1\+dfsg-8\~deb10u1:*:*:en-us:*:*:*:*"#,
            #"wfn:[part=ANY,vendor="qemu",product="qemu",version="1\:3\.1\+dfsg\-8\~deb10u1",update=ANY,"#
                + #"edition=ANY,language="en\-us",sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]"#
        ),
    ]

    @Test(arguments: pairs)
    func unbindsAndRebinds(formatted: String, wfn: String) throws {
        let name = try CPEName(formattedString: formatted)
        #expect(name.wfn == wfn)
        #expect(name.formattedString == formatted)
        #expect(try CPEName(wfn: wfn) == name)
    }

    @Test(arguments: [
        (#"cpe:2.3:a:notepad-plus-plus:notepad\+\+:7.5.1:*:*:*:*:*:*:*"#, CPEAttribute.product, "notepad++"),
        (#"cpe:2.3:o:cisco:ios:12.1\(14\)e7:*:*:*:*:*:*:*"#, .version, "12.1(14)e7"),
        (#"cpe:2.3:a:ibm:sterling_connect\:direct:6.0:*:*:*:*:*:*:*"#, .product, "sterling_connect:direct"),
        (#"cpe:2.3:a:backpackforlaravel:backpack\\crud:*:*:*:*:*:php:*:*"#, .product, #"backpack\crud"#),
    ])
    func logicalValueDropsQuoting(formatted: String, attribute: CPEAttribute, logical: String) throws {
        let name = try CPEName(formattedString: formatted)
        #expect(name[attribute].logical == logical)
        #expect(try CPEValue(logical: logical) == name[attribute])
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        var input: String
        var offset: Int
        var kind: CPEParseError.Kind
        var testDescription: String { "\(kind) at \(offset): \(input)" }
    }

    @Test(arguments: [
        // NISTIR 7695 §6.2.3.3.3 means an embedded unquoted asterisk, but its example also lacks a component.
        Malformed(input: "cpe:2.3:a:hp:insight_diagnostics:7.4.*.1570:*:*:*:*:*:*", offset: 55, kind: .componentCount),
        Malformed(
            input: "cpe:2.3:a:hp:insight_diagnostics:7.4.*.1570:*:*:*:*:*:*:*", offset: 37, kind: .misplacedWildcard),
        Malformed(input: "cpe:2.3:a:vendor:product", offset: 24, kind: .componentCount),
        Malformed(
            input: "cpe:2.3:a:ibm:sterling_connect:direct:6.0.0.0:*:*:*:*:windows:*:*", offset: 63,
            kind: .componentCount),
        Malformed(
            input: "cpe:2.3:a:ibm:cpe:2.3:a:ibm:security_qradar_edr:3.12:*:*:*:*:*:*:*", offset: 58,
            kind: .componentCount),
        Malformed(input: "cpe:2.2:a:v:p:*:*:*:*:*:*:*:*", offset: 6, kind: .badPrefix),
        Malformed(input: "cpe:/a:v:p", offset: 4, kind: .badPrefix),
        Malformed(input: "", offset: 0, kind: .badPrefix),
        Malformed(input: "cpe:2.3:x:v:p:*:*:*:*:*:*:*:*", offset: 8, kind: .badPart),
        Malformed(input: "cpe:2.3:-:v:p:*:*:*:*:*:*:*:*", offset: 8, kind: .badPart),
        Malformed(input: "cpe:2.3:A:v:p:*:*:*:*:*:*:*:*", offset: 8, kind: .badPart),
        Malformed(input: "cpe:2.3:a:v:p:*:*:*:english:*:*:*:*", offset: 20, kind: .badLanguage),
        Malformed(input: "cpe:2.3:a:v:p:*:*:*:en-u:*:*:*:*", offset: 20, kind: .badLanguage),
        Malformed(input: "cpe:2.3:a:v:p:*:*:*:e*:*:*:*:*", offset: 20, kind: .badLanguage),
        Malformed(input: "cpe:2.3:a:v::*:*:*:*:*:*:*:*", offset: 12, kind: .emptyValue),
        Malformed(input: "cpe:2.3:a:my vendor:p:*:*:*:*:*:*:*:*", offset: 12, kind: .illegalCharacter),
        Malformed(input: "cpe:2.3:a:v:g++:*:*:*:*:*:*:*:*", offset: 13, kind: .illegalCharacter),
        Malformed(input: "cpe:2.3:a:vendör:p:*:*:*:*:*:*:*:*", offset: 14, kind: .illegalCharacter),
        Malformed(input: #"cpe:2.3:a:v:p:1\.0:*:*:*:*:*:*:*"#, offset: 15, kind: .badEscape),
        Malformed(input: #"cpe:2.3:a:v:p\x:*:*:*:*:*:*:*:*"#, offset: 13, kind: .badEscape),
        Malformed(input: #"cpe:2.3:a:v:p:*:*:*:*:*:*:*:\-"#, offset: 28, kind: .badEscape),
        Malformed(input: #"cpe:2.3:a:v:p:*:*:*:*:*:*:*:x\"#, offset: 29, kind: .badEscape),
        Malformed(input: "cpe:2.3:a:v:p:**:*:*:*:*:*:*:*", offset: 15, kind: .misplacedWildcard),
        Malformed(input: "cpe:2.3:a:v:p:1?0:*:*:*:*:*:*:*", offset: 15, kind: .misplacedWildcard),
        Malformed(input: "cpe:2.3:a:v:p:*?1:*:*:*:*:*:*:*", offset: 15, kind: .misplacedWildcard),
        Malformed(input: "cpe:2.3:a:v:p:1?*:*:*:*:*:*:*:*", offset: 16, kind: .misplacedWildcard),
    ])
    func malformedStringsFailWithOffset(_ malformed: Malformed) {
        #expect {
            try CPEName(formattedString: malformed.input)
        } throws: { error in
            guard let error = error as? CPEParseError else { return false }
            return error.input == malformed.input && error.offset == malformed.offset && error.kind == malformed.kind
        }
    }

    @Test func errorsCarryAReadableReason() throws {
        let error = #expect(throws: CPEParseError.self) {
            try CPEName(formattedString: "cpe:2.3:a:ibm:sterling_connect:direct:6.0.0.0:*:*:*:*:windows:*:*")
        }
        #expect(error?.reason == "expected 11 components after 'cpe:2.3:', found 12")
    }

    @Test func acceptsQuestionMarksAloneAndUppercase() throws {
        let name = try CPEName(formattedString: "cpe:2.3:a:Apache:Causeway:4.0.0-M1:??:*:*:*:maven:*:*")
        #expect(name[.update] == .value("??"))
        #expect(name[.vendor].logical == "Apache")
        #expect(name.formattedString == "cpe:2.3:a:Apache:Causeway:4.0.0-M1:??:*:*:*:maven:*:*")
    }
}
