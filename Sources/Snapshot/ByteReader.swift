/// Why a snapshot could not be read, and where.
public struct SnapshotError: Error, Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "snapshot byte \(offset): \(reason)" }
}

/// Little-endian binary input with bounds checks: a truncated or corrupt snapshot is an error with an offset,
/// never a crash.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int
    /// The shared string table, for `reference()`.
    var strings: [String] = []

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    private mutating func take(_ width: Int) throws(SnapshotError) -> Int {
        guard width >= 0, offset + width <= bytes.count else {
            throw SnapshotError(offset: offset, reason: "unexpected end of data (needs \(width) bytes)")
        }
        defer { offset += width }
        return offset
    }

    mutating func u8() throws(SnapshotError) -> UInt8 { bytes[try take(1)] }

    mutating func u16() throws(SnapshotError) -> UInt16 {
        UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(2), as: UInt16.self))
    }

    mutating func u32() throws(SnapshotError) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(4), as: UInt32.self))
    }

    mutating func u64() throws(SnapshotError) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(8), as: UInt64.self))
    }

    mutating func f64() throws(SnapshotError) -> Double { Double(bitPattern: try u64()) }

    mutating func bool() throws(SnapshotError) -> Bool { try u8() != 0 }

    /// A count, checked against what the remaining bytes could hold at `minimumSize` bytes per item.
    mutating func count(minimumSize: Int = 1) throws(SnapshotError) -> Int {
        let start = offset
        let value = Int(try u32())
        guard value * max(minimumSize, 0) <= bytes.count - offset else {
            throw SnapshotError(offset: start, reason: "count \(value) exceeds the remaining data")
        }
        return value
    }

    mutating func string() throws(SnapshotError) -> String {
        let length = try count()
        let start = try take(length)
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<start + length]), as: UTF8.self)
    }

    mutating func optionalString() throws(SnapshotError) -> String? {
        try bool() ? try string() : nil
    }

    mutating func reference() throws(SnapshotError) -> String {
        let start = offset
        let number = Int(try u32())
        guard number < strings.count else {
            throw SnapshotError(offset: start, reason: "string \(number) is not in the table of \(strings.count)")
        }
        return strings[number]
    }

    mutating func optionalReference() throws(SnapshotError) -> String? {
        let start = offset
        let number = try u32()
        if number == ByteWriter.none { return nil }
        offset = start
        return try reference()
    }

    /// Reads a string table written by `ByteWriter.stringTable`.
    mutating func readStringTable() throws(SnapshotError) {
        let total = try count(minimumSize: 4)
        var table: [String] = []
        table.reserveCapacity(total)
        for _ in 0..<total { table.append(try string()) }
        strings = table
    }
}
