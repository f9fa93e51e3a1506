import TestSupport
import Testing
import XML

/// Every token of a whole document.
func tokens(_ text: String, limits: XMLLimits = XMLLimits()) throws(XMLError) -> [XMLToken] {
    var tokenizer = XMLTokenizer(Array(text.utf8), limits: limits)
    var result: [XMLToken] = []
    while let token = try tokenizer.next() { result.append(token) }
    return result
}

@Suite struct XMLTokenizerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let tokens: [XMLToken]
        var testDescription: String { input.debugDescription }
    }

    static let cases: [Case] = [
        Case(input: "<a/>", tokens: [.start(name: "a", attributes: []), .end(name: "a")]),
        Case(
            input: "\u{FEFF}<?xml version='1.0' encoding='UTF-8'?>\n<!-- note -->\n<r>x</r>\n<!-- after -->\n",
            tokens: [.start(name: "r", attributes: []), .text("x"), .end(name: "r")]
        ),
        Case(
            input: "<r a=\"1 &amp; 2\" b='x&#x41;\ty&#9;z' c = \"&quot;&apos;&lt;&gt;\"></r >",
            tokens: [
                .start(
                    name: "r",
                    attributes: [
                        XMLAttribute(name: "a", value: "1 & 2"), XMLAttribute(name: "b", value: "xA y\tz"),
                        XMLAttribute(name: "c", value: "\"'<>"),
                    ]),
                .end(name: "r"),
            ]
        ),
        Case(
            input: "<r>t&lt;&#25991;&#x1F600;<![CDATA[<raw>&amp;]]>\r\nend</r>",
            tokens: [
                .start(name: "r", attributes: []), .text("t<文😀"), .text("<raw>&amp;"), .text("\nend"),
                .end(name: "r"),
            ]
        ),
        Case(
            input: "<cpe-23:cpe23-item name=\"cpe:2.3:a:\\$0.99:*\"/>",
            tokens: [
                .start(
                    name: "cpe-23:cpe23-item", attributes: [XMLAttribute(name: "name", value: "cpe:2.3:a:\\$0.99:*")]),
                .end(name: "cpe-23:cpe23-item"),
            ]
        ),
        Case(
            input: "<t xml:lang=\"ja-JP\">グーグル クローム</t>",
            tokens: [
                .start(name: "t", attributes: [XMLAttribute(name: "xml:lang", value: "ja-JP")]),
                .text("グーグル クローム"), .end(name: "t"),
            ]
        ),
        Case(
            input: "<a><?pi data?><b> </b></a>",
            tokens: [
                .start(name: "a", attributes: []), .start(name: "b", attributes: []), .text(" "),
                .end(name: "b"), .end(name: "a"),
            ]
        ),
    ]

    @Test(arguments: cases) func readsTokens(_ testCase: Case) throws {
        #expect(try tokens(testCase.input) == testCase.tokens)
    }

    @Test func localNameDropsThePrefix() {
        #expect(XMLToken.localName("cpe-23:cpe23-item") == "cpe23-item")
        #expect(XMLToken.localName("title") == "title")
    }

    @Test func tokenOffsetsPointAtTheToken() throws {
        var tokenizer = XMLTokenizer(Array("<a>xy<b/></a>".utf8))
        var offsets: [Int] = []
        while try tokenizer.next() != nil { offsets.append(tokenizer.tokenOffset) }
        #expect(offsets == [0, 3, 5, 5, 9])
    }
}

@Suite struct XMLHostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let input: String
        let kind: XMLError.Kind
        let offset: Int
        var limits = XMLLimits()
        var testDescription: String { name }
    }

    static let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)

    static let cases: [Case] = [
        Case(
            name: "billion laughs",
            input: """
                <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;">\
                <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;">]><lolz>&lol2;</lolz>
                """,
            kind: .doctypeRefused, offset: 21),
        Case(
            name: "external entity (XXE)",
            input: "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><foo>&xxe;</foo>",
            kind: .doctypeRefused, offset: 0),
        Case(
            name: "external DTD", input: "<!doctype html SYSTEM \"http://example.com/x.dtd\"><html/>",
            kind: .doctypeRefused, offset: 0),
        Case(name: "undefined entity", input: "<foo>&xxe;</foo>", kind: .malformed, offset: 5),
        Case(name: "entity declaration", input: "<a><!ENTITY x \"y\"></a>", kind: .malformed, offset: 3),
        Case(name: "bare ampersand", input: "<a>AT&T</a>", kind: .malformed, offset: 5),
        Case(name: "NUL reference", input: "<a>&#0;</a>", kind: .malformed, offset: 3),
        Case(name: "surrogate reference", input: "<a>&#xD800;</a>", kind: .malformed, offset: 3),
        Case(name: "nesting depth", input: deep, kind: .limitExceeded, offset: 768),
        Case(
            name: "name length", input: "<" + String(repeating: "n", count: 2_000) + "/>", kind: .limitExceeded,
            offset: 1),
        Case(
            name: "attribute count", input: "<a " + (0..<5).map { "x\($0)='1'" }.joined(separator: " ") + "/>",
            kind: .limitExceeded, offset: 0, limits: XMLLimits(maxAttributes: 4)),
        Case(
            name: "attribute length", input: "<a v='" + String(repeating: "v", count: 100) + "'/>",
            kind: .limitExceeded, offset: 6, limits: XMLLimits(maxAttributeLength: 64)),
        Case(
            name: "text length", input: "<a>" + String(repeating: "t", count: 100) + "</a>", kind: .limitExceeded,
            offset: 3, limits: XMLLimits(maxTokenLength: 64)),
        Case(
            name: "whitespace-padded tag",
            input: "<a" + String(repeating: " ", count: 100) + "/>", kind: .limitExceeded, offset: 0,
            limits: XMLLimits(maxTokenLength: 64)),
        Case(name: "mismatched end tag", input: "<a><b></a></b>", kind: .malformed, offset: 6),
        Case(name: "unclosed element", input: "<a><b></b>", kind: .truncated, offset: 10),
        Case(name: "cut inside a tag", input: "<a><b x='1", kind: .truncated, offset: 3),
        Case(name: "two roots", input: "<a/><b/>", kind: .malformed, offset: 4),
        Case(name: "text outside the root", input: "<a/>junk", kind: .malformed, offset: 4),
        Case(name: "repeated attribute", input: "<a b='1' b='2'/>", kind: .malformed, offset: 14),
        Case(name: "'<' in attribute", input: "<a b='<'/>", kind: .malformed, offset: 6),
        Case(name: "unquoted attribute", input: "<a b=1/>", kind: .malformed, offset: 5),
        Case(name: "empty document", input: "  \n", kind: .malformed, offset: 3),
        Case(name: "UTF-16 input", input: "\u{FFFE}", kind: .malformed, offset: 0),
    ]

    @Test(arguments: cases) func refuses(_ testCase: Case) {
        do {
            let result = try tokens(testCase.input, limits: testCase.limits)
            Issue.record("accepted: \(result)")
        } catch {
            #expect(error.kind == testCase.kind, "\(error)")
            #expect(error.offset == testCase.offset, "\(error)")
        }
    }

    @Test func errorsAreSticky() {
        var tokenizer = XMLTokenizer(Array("<a></b>".utf8))
        #expect(throws: Never.self) { _ = try tokenizer.next() }
        #expect(throws: XMLError.self) { _ = try tokenizer.next() }
        #expect(throws: XMLError.self) { _ = try tokenizer.next() }
    }
}
