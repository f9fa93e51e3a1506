import JSON

/// A JSON document as a small tree, for the identification data files: they are a few hundred entries read once,
/// so clarity beats the pull parser's speed here.
indirect enum DataNode: Sendable {
    case object([(String, DataNode)])
    case array([DataNode])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static func parse(_ bytes: [UInt8]) throws(JSONError) -> DataNode {
        try JSONReader.read(bytes) { reader throws(JSONError) in
            let node = try read(&reader)
            guard reader.isAtEnd() else { throw JSONError(offset: reader.offset, expected: "end of document") }
            return node
        }
    }

    private static func read(_ reader: inout JSONReader) throws(JSONError) -> DataNode {
        switch try reader.peekKind() {
        case .object:
            try reader.beginObject()
            var members: [(String, DataNode)] = []
            while let key = try reader.nextKey() {
                let name = key.string
                members.append((name, try read(&reader)))
            }
            return .object(members)
        case .array:
            try reader.beginArray()
            var elements: [DataNode] = []
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

    subscript(key: String) -> DataNode? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var strings: [String] {
        switch self {
        case .array(let elements): elements.compactMap(\.string)
        case .string(let text): [text]
        default: []
        }
    }

    var elements: [DataNode] {
        if case .array(let elements) = self { return elements }
        return []
    }

    var double: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}

/// A data file that could not be read: which file, where, and why.
public struct DataFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}
