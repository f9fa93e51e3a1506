import Foundation
import JSON
import Testing

@Suite struct JSONWriterTests {
    static let strings = [
        "", "plain", "quote \" inside", "back\\slash", "line\nbreak\r\ttab", "\u{01}\u{1F}", "微軟 Office 專業增強版 2019",
        "cpe:2.3:a:notepad-plus-plus:notepad\\+\\+:8.5.6:*:*:*:*:*:*:*", "emoji 🛡️",
    ]

    @Test(arguments: strings) func stringsRoundTripThroughAJSONParser(_ text: String) throws {
        var writer = JSONWriter()
        writer.beginArray()
        writer.string(text)
        writer.endArray()
        let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
        #expect(parsed == [text])
    }

    @Test func commasKeysAndNesting() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.number(1)
        writer.key("b")
        writer.beginArray()
        writer.bool(true)
        writer.null()
        writer.number(9.8)
        writer.beginObject()
        writer.endObject()
        writer.endArray()
        writer.key("c")
        writer.string("x")
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":1,"b":[true,null,9.8,{}],"c":"x"}"#)
    }

    @Test func takeHandsOverTheBufferAndKeepsTheNesting() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.number(1)
        let first = writer.take()
        writer.number(2)
        writer.endArray()
        #expect(String(decoding: first + writer.bytes, as: UTF8.self) == "[1,2]")
    }

    @Test func renderedMembersSpliceIntoObjectsWithCommasWhereNeeded() {
        let shared = JSONWriter.renderMembers { writer in
            writer.key("score")
            writer.number(9.8)
            writer.key("refs")
            writer.beginArray()
            writer.string("u")
            writer.endArray()
        }
        var writer = JSONWriter()
        writer.beginArray()
        writer.beginObject()
        writer.members(shared)
        writer.endObject()
        writer.beginObject()
        writer.key("host")
        writer.string("h")
        writer.members(shared)
        writer.key("after")
        writer.null()
        writer.endObject()
        writer.beginObject()
        writer.members(JSONWriter.renderMembers { _ in })
        writer.endObject()
        writer.endArray()
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == #"[{"score":9.8,"refs":["u"]},{"host":"h","score":9.8,"refs":["u"],"after":null},{}]"#)
    }
}
