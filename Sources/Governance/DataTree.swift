import JSON

/// A small JSON tree for Governance's reference-data files (a few hundred entries read once), where clarity beats
/// the pull parser's speed.
indirect enum DataTree: Sendable {
    case object([(String, DataTree)])
    case array([DataTree])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static func parse(_ bytes: [UInt8]) throws(JSONError) -> DataTree {
        try JSONReader.read(bytes) { reader throws(JSONError) in
            let tree = try read(&reader)
            guard reader.isAtEnd() else { throw JSONError(offset: reader.offset, expected: "end of document") }
            return tree
        }
    }

    private static func read(_ reader: inout JSONReader) throws(JSONError) -> DataTree {
        switch try reader.peekKind() {
        case .object:
            try reader.beginObject()
            var members: [(String, DataTree)] = []
            while let key = try reader.nextKey() { members.append((key.string, try read(&reader))) }
            return .object(members)
        case .array:
            try reader.beginArray()
            var elements: [DataTree] = []
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

    subscript(key: String) -> DataTree? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    var members: [(String, DataTree)] {
        if case .object(let members) = self { return members }
        return []
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var strings: [String] {
        if case .array(let elements) = self { return elements.compactMap(\.string) }
        return []
    }

    var elements: [DataTree] {
        if case .array(let elements) = self { return elements }
        return []
    }

    var int: Int? {
        if case .number(let value) = self, value == value.rounded(), abs(value) < 1e9 { return Int(value) }
        return nil
    }

    var double: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}
