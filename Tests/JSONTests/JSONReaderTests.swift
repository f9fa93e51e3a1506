import JSON
import Testing

@Suite struct JSONReaderTests {
    static let valid: [(String, JSONValue)] = [
        ("{}", .object([])),
        ("[]", .array([])),
        (" \t\r\n[ 1 , 2 ]\n", .array([.number(1), .number(2)])),
        (
            #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
            .object([
                Member("a", .number(1)), Member("b", .array([.bool(true), .bool(false), .null])),
                Member("c", .object([Member("d", .string("e"))])),
            ])
        ),
        (#""plain""#, .string("plain")),
        (#""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{08}\u{0C}\n\r\t")),
        (#""\u00e9\u4e2d\u6587""#, .string("é中文")),
        (#""\ud83d\ude00 smile""#, .string("😀 smile")),
        (#""raw UTF-8: 臺灣 ra\u00edz""#, .string("raw UTF-8: 臺灣 raíz")),
        ("0", .number(0)),
        ("-0", .number(-0.0)),
        ("7.5", .number(7.5)),
        ("-12.25e2", .number(-1225)),
        ("1E-3", .number(0.001)),
        ("0.1", .number(0.1)),
        ("123456789012345678901234567890", .number(1.2345678901234568e29)),
        ("0.30000000000000004", .number(0.30000000000000004)),
        ("true", .bool(true)),
        ("null", .null),
        (#"{"k\u0065y":1}"#, .object([Member("key", .number(1))])),
    ]

    @Test(arguments: valid)
    func parsesValidDocuments(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONValue.parse(text) == expected)
    }

    static let invalid: [(String, Int, String)] = [
        ("", 0, "a value"),
        ("{", 1, "'\"' or '}'"),
        ("{\"a\" 1}", 5, "':'"),
        ("{\"a\":1,}", 7, "a key string"),
        ("{,\"a\":1}", 1, "a key string"),
        ("{\"a\":1 \"b\":2}", 7, "',' or '}'"),
        ("[1,]", 3, "a value"),
        ("[1 2]", 3, "',' or ']'"),
        ("[01]", 2, "',' or ']'"),
        ("[-]", 2, "a digit"),
        ("[1.]", 3, "a digit after '.'"),
        ("[1e]", 3, "a digit in the exponent"),
        ("\"abc", 4, "'\"' before the end of input"),
        ("\"a\u{01}b\"", 2, "'\"' (control characters must be escaped)"),
        ("\"\\x\"", 2, "an escape character"),
        ("\"\\u12G4\"", 2, "four hex digits after \\u"),
        ("\"\\ud800 alone\"", 1, "a valid escape sequence"),
        ("\"\\udc00\"", 1, "a valid escape sequence"),
        ("tru", 0, "'true'"),
        ("nul", 0, "'null'"),
        ("[true false]", 6, "',' or ']'"),
        ("{} {}", 3, "end of input"),
        ("'a'", 0, "a value"),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidDocumentsWithOffset(_ text: String, _ offset: Int, _ expected: String) {
        #expect(throws: JSONError(offset: offset, expected: expected)) { try JSONValue.parse(text) }
    }

    @Test func keysCompareAsBytesWithoutDecoding() throws {
        let bytes = Array(#"{"cve":1,"cveTags":2,"c\u0076e":3}"#.utf8)
        var matches: [Int] = []
        try bytes.withUnsafeBufferPointer { buffer throws(JSONError) in
            var reader = JSONReader(buffer)
            try reader.beginObject()
            while let key = try reader.nextKey() {
                let value = try reader.readInt()
                if key == "cve" { matches.append(value) }
            }
        }
        #expect(matches == [1, 3])
    }

    static let integers: [(String, Int?)] = [
        ("0", 0), ("-17", -17), ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
        ("9223372036854775808", nil), ("1.0", nil), ("1e2", nil),
    ]

    @Test(arguments: integers)
    func readsIntegers(_ text: String, _ expected: Int?) {
        let bytes = Array(text.utf8)
        let value: Int? = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            return try? reader.readInt()
        }
        #expect(value == expected)
    }

    @Test func readsFromAnArray() throws {
        let names = try JSONReader.read(Array(#"["a","b"]"#.utf8)) { reader throws(JSONError) in
            var names: [String] = []
            try reader.beginArray()
            while try reader.nextElement() { names.append(try reader.readString()) }
            return names
        }
        #expect(names == ["a", "b"])
    }

    @Test func skipValueLeavesTheReaderAfterTheValue() throws {
        let bytes = Array(#"{"skip":{"a":[1,{"b":"}"}],"c":"\"]"},"keep":42}"#.utf8)
        var kept: Int?
        try bytes.withUnsafeBufferPointer { buffer throws(JSONError) in
            var reader = JSONReader(buffer)
            try reader.beginObject()
            while let key = try reader.nextKey() {
                if key == "keep" { kept = try reader.readInt() } else { try reader.skipValue() }
            }
        }
        #expect(kept == 42)
    }

    @Test func readerLimitedToARangeReportsAbsoluteOffsets() {
        let bytes = Array("{\"a\":1}\n{\"a\":}\n".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer, range: 8..<14)
            #expect(throws: JSONError(offset: 13, expected: "a value")) { try JSONValue.read(&reader) }
        }
    }

    static let lines: [(String, [String])] = [
        ("", []),
        ("{}", ["{}"]),
        ("{}\n", ["{}"]),
        ("{\"a\":1}\r\n\n  \n[2]\n3", ["{\"a\":1}", "[2]", "3"]),
    ]

    @Test(arguments: lines)
    func iteratesJSONLines(_ text: String, _ expected: [String]) {
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBufferPointer { buffer in
            JSONLines(buffer).map { String(decoding: buffer[$0.range], as: UTF8.self) }
        }
        #expect(found == expected)
    }
}
