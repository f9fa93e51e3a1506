import JSON

/// The scalar members of a JSON object with known keys, each read into its slot. Keys are matched as bytes
/// (no String is made for a key) and the slots are reused from element to element, which matters at a
/// million elements; objects with other keys use `JSONObjectFields`.
struct JSONSlots {
    let names: [StaticString]
    private(set) var values: [String?]
    /// Whether any key of the last object read was one of `names`.
    private(set) var matched = false

    init(_ names: [StaticString]) {
        self.names = names
        values = [String?](repeating: nil, count: names.count)
    }

    subscript(_ index: Int) -> String? { values[index] }

    /// The slots from fields already read by name.
    mutating func fill(from fields: JSONObjectFields) {
        for (index, name) in names.enumerated() {
            values[index] = fields[name.description]
            if values[index] != nil { matched = true }
        }
    }

    /// Reads the object at the reader's position; members with other keys, and nested values, are skipped.
    mutating func read(_ reader: inout JSONReader, in buffer: UnsafeBufferPointer<UInt8>) throws(JSONError) {
        for index in values.indices { values[index] = nil }
        matched = false
        try reader.beginObject()
        while let key = try reader.nextKey() {
            guard let slot = names.firstIndex(where: { key == $0 }) else {
                try reader.skipValue()
                continue
            }
            matched = true
            if let value = try JSONObjectFields.scalar(&reader, in: buffer) {
                values[slot] = value
            } else {
                try reader.skipValue()
            }
        }
    }
}
