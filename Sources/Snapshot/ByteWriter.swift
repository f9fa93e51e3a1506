/// Little-endian binary output for the snapshot format.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []
    /// Strings written through `reference(_:)`, numbered in first-use order.
    private var strings: [String: UInt32] = [:]
    private(set) var stringTable: [String] = []

    static let none = UInt32.max

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func f64(_ value: Double) { u64(value.bitPattern) }

    mutating func count(_ value: Int) { u32(UInt32(value)) }

    /// A string written in place, length first.
    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        count(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func optionalString(_ value: String?) {
        u8(value == nil ? 0 : 1)
        if let value { string(value) }
    }

    /// A string written as a number into the shared string table.
    mutating func reference(_ value: String) {
        if let known = strings[value] {
            u32(known)
            return
        }
        let number = UInt32(stringTable.count)
        strings[value] = number
        stringTable.append(value)
        u32(number)
    }

    mutating func optionalReference(_ value: String?) {
        guard let value else {
            u32(Self.none)
            return
        }
        reference(value)
    }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Eight zero bytes to be filled in by `setU64(_:at:)` once a section's length is known; returns their position.
    mutating func reserveU64() -> Int {
        defer { u64(0) }
        return bytes.count
    }

    mutating func setU64(_ value: UInt64, at position: Int) {
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(position..<position + 8, with: $0) }
    }

    /// A string table read in place: the count, each string's start in the text (and the end of the last), the text.
    mutating func stringTable(_ strings: [String]) {
        count(strings.count)
        var text: [UInt8] = []
        for string in strings {
            u32(UInt32(text.count))
            text.append(contentsOf: string.utf8)
        }
        u32(UInt32(text.count))
        append(text)
    }
}
