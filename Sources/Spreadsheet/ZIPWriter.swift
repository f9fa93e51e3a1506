import Zlib

/// A ZIP archive written in memory with stored (uncompressed) entries: what an XLSX export needs, and readable by
/// every spreadsheet program. Entries carry a fixed 1980-01-01 timestamp so the same data gives the same bytes.
struct ZIPWriter {
    private struct Entry {
        var name: [UInt8]
        var crc32: UInt32
        var size: UInt32
        var offset: UInt32
    }

    private(set) var bytes: [UInt8] = []
    private var entries: [Entry] = []

    /// Exports are far below ZIP's 4 GiB and 65,535-entry limits (ZIP64 is not written).
    mutating func add(_ name: String, _ contents: [UInt8]) {
        let entry = Entry(
            name: Array(name.utf8), crc32: Checksum.crc32(contents), size: UInt32(contents.count),
            offset: UInt32(bytes.count))
        append32(0x0403_4b50)
        append16(20)  // version needed: 2.0
        append16(0x0800)  // names are UTF-8
        append16(0)  // stored
        append16(0)  // time 00:00
        append16(0x21)  // date 1980-01-01
        append32(entry.crc32)
        append32(entry.size)
        append32(entry.size)
        append16(UInt16(entry.name.count))
        append16(0)
        bytes += entry.name
        bytes += contents
        entries.append(entry)
    }

    /// The central directory and its end record; the archive is complete after this.
    mutating func finish() -> [UInt8] {
        let start = UInt32(bytes.count)
        for entry in entries {
            append32(0x0201_4b50)
            append16(20)  // made by: 2.0
            append16(20)
            append16(0x0800)
            append16(0)
            append16(0)
            append16(0x21)
            append32(entry.crc32)
            append32(entry.size)
            append32(entry.size)
            append16(UInt16(entry.name.count))
            append16(0)  // extra
            append16(0)  // comment
            append16(0)  // disk
            append16(0)  // internal attributes
            append32(0)  // external attributes
            append32(entry.offset)
            bytes += entry.name
        }
        let size = UInt32(bytes.count) - start
        append32(0x0605_4b50)
        append16(0)
        append16(0)
        append16(UInt16(entries.count))
        append16(UInt16(entries.count))
        append32(size)
        append32(start)
        append16(0)
        return bytes
    }

    private mutating func append16(_ value: UInt16) {
        bytes.append(UInt8(value & 0xff))
        bytes.append(UInt8(value >> 8))
    }

    private mutating func append32(_ value: UInt32) {
        append16(UInt16(value & 0xffff))
        append16(UInt16(value >> 16))
    }
}
