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
    /// The shared string table, for `reference()`: decoded up front, or read in place (`LazyStrings`) when only a
    /// few strings will be needed.
    var strings: [String] = []
    var lazyStrings: LazyStrings?

    /// Where a string table written by `ByteWriter.stringTable` lies: its count, its start table and its text.
    struct LazyStrings {
        let count: Int
        let starts: Int
        let text: Int
    }

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    private mutating func take(_ width: Int) throws(SnapshotError) -> Int {
        guard width >= 0, width <= bytes.count - offset else {
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

    /// A length or offset stored as a `UInt64`: one no `Int` holds is damage, not a trap.
    mutating func length() throws(SnapshotError) -> Int {
        let start = offset
        guard let value = Int(exactly: try u64()) else {
            throw SnapshotError(offset: start, reason: "length out of range")
        }
        return value
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

    /// Moves past a string without decoding it.
    mutating func skipString() throws(SnapshotError) { try skip(try count()) }

    mutating func skipOptionalString() throws(SnapshotError) {
        if try bool() { try skipString() }
    }

    mutating func reference() throws(SnapshotError) -> String {
        let start = offset
        let number = Int(try u32())
        if let lazy = lazyStrings {
            guard number < lazy.count else {
                throw SnapshotError(offset: start, reason: "string \(number) is not in the table of \(lazy.count)")
            }
            return try string(number, of: lazy, referencedAt: start)
        }
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

    /// Reads a string table written by `ByteWriter.stringTable`: every string now, or (`lazily`) only where it is,
    /// each string being decoded when it is referenced.
    mutating func readStringTable(lazily: Bool = false) throws(SnapshotError) {
        let total = try count(minimumSize: 4)
        let starts = offset
        _ = try take(4 * (total + 1))
        let table = LazyStrings(count: total, starts: starts, text: offset)
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: starts + 4 * total, as: UInt32.self)))
        _ = try take(length)
        if lazily {
            lazyStrings = table
            strings = []
            return
        }
        lazyStrings = nil
        var decoded: [String] = []
        decoded.reserveCapacity(total)
        for number in 0..<total { decoded.append(try string(number, of: table, referencedAt: starts)) }
        strings = decoded
    }

    private func string(_ number: Int, of table: LazyStrings, referencedAt position: Int) throws(SnapshotError)
        -> String
    {
        let start = Int(
            UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: table.starts + 4 * number, as: UInt32.self)))
        let end = Int(
            UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: table.starts + 4 * number + 4, as: UInt32.self)))
        guard start <= end, table.text + end <= bytes.count else {
            throw SnapshotError(offset: position, reason: "string \(number) lies outside the string table")
        }
        return String(
            decoding: UnsafeRawBufferPointer(rebasing: bytes[table.text + start..<table.text + end]), as: UTF8.self)
    }

    /// Moves past `width` bytes, checking that they exist.
    mutating func skip(_ width: Int) throws(SnapshotError) { _ = try take(width) }

    /// The byte and the little-endian `UInt32` and `UInt64` at `position`, bounds-checked, without a cursor:
    /// fixed-width tables are read this way by the selective load, where copying the reader (and retaining its
    /// string table) for each number cost more than reading it.
    func u8(at position: Int) throws(SnapshotError) -> UInt8 {
        guard position >= 0, position < bytes.count else {
            throw SnapshotError(offset: position, reason: "unexpected end of data (needs 1 byte)")
        }
        return bytes[position]
    }

    func u32(at position: Int) throws(SnapshotError) -> UInt32 {
        guard position >= 0, position + 4 <= bytes.count else {
            throw SnapshotError(offset: position, reason: "unexpected end of data (needs 4 bytes)")
        }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }

    func u64(at position: Int) throws(SnapshotError) -> UInt64 {
        guard position >= 0, position + 8 <= bytes.count else {
            throw SnapshotError(offset: position, reason: "unexpected end of data (needs 8 bytes)")
        }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    }

    /// A reader of the same data and string table at another position.
    func at(_ position: Int) -> ByteReader {
        var reader = self
        reader.offset = position
        return reader
    }
}
