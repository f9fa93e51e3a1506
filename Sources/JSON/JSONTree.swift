/// A JSON document as a small tree, for data files read once (alias dictionaries, catalogues, obligation tables):
/// a few hundred entries, where clarity beats the pull parser's speed. Members keep their order.
public indirect enum JSONTree: Sendable {
    case object([(String, JSONTree)])
    case array([JSONTree])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// Parses a whole document: one value and nothing after it but whitespace.
    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONTree {
        try JSONReader.read(bytes) { reader throws(JSONError) in
            let tree = try read(&reader)
            guard reader.isAtEnd() else { throw JSONError(offset: reader.offset, expected: "end of document") }
            return tree
        }
    }

    private static func read(_ reader: inout JSONReader) throws(JSONError) -> JSONTree {
        switch try reader.peekKind() {
        case .object:
            try reader.beginObject()
            var members: [(String, JSONTree)] = []
            while let key = try reader.nextKey() { members.append((key.string, try read(&reader))) }
            return .object(members)
        case .array:
            try reader.beginArray()
            var elements: [JSONTree] = []
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

    /// The first member named `key` of an object; nil for other values.
    public subscript(key: String) -> JSONTree? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var members: [(String, JSONTree)] {
        if case .object(let members) = self { return members }
        return []
    }

    public var elements: [JSONTree] {
        if case .array(let elements) = self { return elements }
        return []
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The strings of an array, or a lone string as a list of one (data files write either).
    public var strings: [String] {
        switch self {
        case .array(let elements): elements.compactMap(\.string)
        case .string(let text): [text]
        default: []
        }
    }

    public var double: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// A whole number of modest size; nil for fractions and for anything else.
    public var int: Int? {
        if case .number(let value) = self, value == value.rounded(), abs(value) < 1e9 { return Int(value) }
        return nil
    }
}
