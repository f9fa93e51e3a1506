import Foundation
import JSON

/// A JSON tree built with the pull reader, to compare against expectations and against Foundation.
indirect enum JSONValue: Equatable, Sendable {
    case object([Member])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let left), .object(let right)):
            return left == right
        case (.array(let left), .array(let right)): return left == right
        case (.string(let left), .string(let right)): return left == right
        case (.number(let left), .number(let right)): return left == right
        case (.bool(let left), .bool(let right)): return left == right
        case (.null, .null): return true
        default: return false
        }
    }

    static func read(_ reader: inout JSONReader) throws(JSONError) -> JSONValue {
        switch try reader.peekKind() {
        case .object:
            var members: [Member] = []
            try reader.beginObject()
            while let key = try reader.nextKey() { members.append(Member(key.string, try read(&reader))) }
            return .object(members)
        case .array:
            var elements: [JSONValue] = []
            try reader.beginArray()
            while try reader.nextElement() { elements.append(try read(&reader)) }
            return .array(elements)
        case .string: return .string(try reader.readString())
        case .number: return .number(try reader.readDouble())
        case .bool: return .bool(try reader.readBool())
        case .null:
            _ = try reader.consumeNull()
            return .null
        }
    }

    /// Parses a whole document (one value, nothing after it but whitespace).
    static func parse(_ text: String) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            do throws(JSONError) {
                let value = try read(&reader)
                guard reader.isAtEnd() else { throw JSONError(offset: reader.offset, expected: "end of input") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Foundation's view of the same document, in this tree's shape. Object members are compared sorted
    /// by key since `NSDictionary` has no order.
    init(foundation object: Any) {
        switch object {
        case let dictionary as [String: Any]:
            self = .object(dictionary.keys.sorted().map { Member($0, JSONValue(foundation: dictionary[$0] as Any)) })
        case let array as [Any]:
            self = .array(array.map(JSONValue.init(foundation:)))
        case let string as String:
            self = .string(string)
        case let number as NSNumber:
            // Foundation stores JSON booleans as `c`/`B` numbers; JSON numbers come back as Int or Double.
            let type = String(cString: number.objCType)
            if type == "c" || type == "B" {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        default:
            self = .null
        }
    }

    /// Objects with members sorted by key, to compare with Foundation's unordered dictionaries.
    var sortedKeys: JSONValue {
        switch self {
        case .object(let members):
            return .object(members.sorted { $0.key < $1.key }.map { Member($0.key, $0.value.sortedKeys) })
        case .array(let elements): return .array(elements.map(\.sortedKeys))
        default: return self
        }
    }
}

struct Member: Equatable, Sendable {
    var key: String
    var value: JSONValue

    init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
