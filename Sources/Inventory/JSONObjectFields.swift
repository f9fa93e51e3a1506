import JSON

/// The scalar members of one JSON object, in order: strings with escapes resolved, numbers as written,
/// booleans as `true`/`false`. Null members are left out; object and array members are handed to `nested`
/// (which returns false to have them skipped). Lookups scan the few members linearly, which beats hashing
/// for the ten or so a row has.
struct JSONObjectFields {
    private(set) var pairs: [(key: String, value: String)] = []

    subscript(key: String) -> String? {
        for pair in pairs where pair.key == key { return pair.value }
        return nil
    }

    func contains(_ key: String) -> Bool { self[key] != nil }

    func containsAny(_ keys: [String]) -> Bool { keys.contains { self[$0] != nil } }

    var keys: [String] { pairs.map(\.key) }

    var isEmpty: Bool { pairs.isEmpty }

    mutating func append(_ key: String, _ value: String) { pairs.append((key, value)) }

    /// Reads the object at the reader's position into these fields (replacing any).
    mutating func read(
        _ reader: inout JSONReader, in buffer: UnsafeBufferPointer<UInt8>,
        nested: (String, inout JSONReader) throws(JSONError) -> Bool = { _, _ in false }
    ) throws(JSONError) {
        pairs.removeAll(keepingCapacity: true)
        try reader.beginObject()
        while let keyText = try reader.nextKey() {
            let key = keyText.string
            if let value = try Self.scalar(&reader, in: buffer) {
                pairs.append((key, value))
            } else if try reader.peekKind() != .null, try !nested(key, &reader) {
                try reader.skipValue()
            } else {
                _ = try reader.consumeNull()
            }
        }
    }

    /// A string, number (as written) or boolean value, consumed; nil (nothing consumed) for anything else.
    static func scalar(_ reader: inout JSONReader, in buffer: UnsafeBufferPointer<UInt8>) throws(JSONError) -> String? {
        switch try reader.peekKind() {
        case .string: return try reader.readString()
        case .number:
            let start = reader.offset
            try reader.skipValue()
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<reader.offset]), as: UTF8.self)
        case .bool: return try reader.readBool() ? "true" : "false"
        case .null, .object, .array: return nil
        }
    }

    /// Reads an array of objects (other elements are skipped).
    static func readArray(
        _ reader: inout JSONReader, in buffer: UnsafeBufferPointer<UInt8>
    ) throws(JSONError) -> [JSONObjectFields] {
        var result: [JSONObjectFields] = []
        try reader.beginArray()
        while try reader.nextElement() {
            guard try reader.peekKind() == .object else {
                try reader.skipValue()
                continue
            }
            var fields = JSONObjectFields()
            try fields.read(&reader, in: buffer)
            result.append(fields)
        }
        return result
    }
}
