import Zlib

/// The entries of a ZIP archive held in memory, found through its central directory, and their contents
/// inflated under limits that make decompression bombs cheap to refuse: the declared size must be within
/// `maxEntryBytes` and `maxCompressionRatio` times the compressed size, inflating may not produce a byte more
/// than declared (nor fewer), the CRC must match, and all entries read together stay within
/// `maxTotalInflatedBytes`. ZIP64, encryption and methods other than stored and deflate are refused.
struct ZIPArchive {
    struct Entry {
        var name: String
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var size: Int
        var localHeader: Int
    }

    private let bytes: [UInt8]
    private let options: InventoryOptions
    private(set) var entries: [String: Entry] = [:]
    /// Bytes inflated so far, against `maxTotalInflatedBytes`.
    private var inflated = 0

    init(_ bytes: [UInt8], options: InventoryOptions) throws(InventoryError) {
        self.bytes = bytes
        self.options = options
        guard let end = Self.endOfCentralDirectory(bytes) else {
            throw InventoryError(.malformed, offset: nil, "a ZIP archive without its central directory (cut off?)")
        }
        let count = Int(read16(end + 10))
        let directorySize = Int(read32(end + 12))
        let directoryOffset = Int(read32(end + 16))
        guard count != 0xFFFF && directorySize != 0xFFFF_FFFF && directoryOffset != 0xFFFF_FFFF else {
            throw InventoryError(.archiveTooLarge, offset: end, "a ZIP64 archive; spreadsheets this large are not read")
        }
        guard count <= options.maxArchiveEntries else {
            throw InventoryError(
                .archiveTooLarge, offset: end, "\(count) archive entries (the limit is \(options.maxArchiveEntries))")
        }
        guard directoryOffset + directorySize <= end else {
            throw InventoryError(.malformed, offset: end, "the ZIP central directory lies outside the archive")
        }
        var offset = directoryOffset
        for _ in 0..<count {
            guard offset + 46 <= end, read32(offset) == 0x0201_4B50 else {
                throw InventoryError(.malformed, offset: offset, "a broken ZIP central directory entry")
            }
            let nameLength = Int(read16(offset + 28))
            let skip = nameLength + Int(read16(offset + 30)) + Int(read16(offset + 32))
            guard offset + 46 + skip <= end else {
                throw InventoryError(.malformed, offset: offset, "a broken ZIP central directory entry")
            }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            entries[name] = Entry(
                name: name, flags: read16(offset + 8), method: read16(offset + 10), crc32: read32(offset + 16),
                compressedSize: Int(read32(offset + 20)), size: Int(read32(offset + 24)),
                localHeader: Int(read32(offset + 42)))
            offset += 46 + skip
        }
    }

    /// The contents of the entry named `name`, nil when there is none.
    mutating func contents(of name: String) throws(InventoryError) -> [UInt8]? {
        guard let entry = entries[name] else { return nil }
        let header = entry.localHeader
        guard header + 30 <= bytes.count, read32(header) == 0x0403_4B50 else {
            throw InventoryError(.malformed, offset: header, "\(name): no local header where the directory says")
        }
        let start = header + 30 + Int(read16(header + 26)) + Int(read16(header + 28))
        guard start + entry.compressedSize <= bytes.count else {
            throw InventoryError(.malformed, offset: header, "\(name): compressed data runs past the archive's end")
        }
        guard entry.flags & 1 == 0 else { throw InventoryError(.malformed, offset: header, "\(name) is encrypted") }
        guard entry.size <= options.maxEntryBytes else {
            throw InventoryError(
                .decompressionBomb, offset: header,
                "\(name) declares \(entry.size) bytes (the limit is \(options.maxEntryBytes))")
        }
        guard entry.size <= max(entry.compressedSize, 1) * options.maxCompressionRatio else {
            throw InventoryError(
                .decompressionBomb, offset: header,
                "\(name) declares \(entry.size) bytes from \(entry.compressedSize) compressed (ratio above \(options.maxCompressionRatio))"
            )
        }
        guard inflated + entry.size <= options.maxTotalInflatedBytes else {
            throw InventoryError(
                .decompressionBomb, offset: header,
                "the entries read would inflate past \(options.maxTotalInflatedBytes) bytes")
        }
        let data = Array(bytes[start..<(start + entry.compressedSize)])
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.size == entry.compressedSize else {
                throw InventoryError(.decompressionBomb, offset: header, "\(name): stored with two different sizes")
            }
            output = data
        case 8:
            do {
                output = try Inflate.decompress(data, container: .rawDeflate, limit: entry.size)
            } catch {
                let reason: InventoryError.Reason =
                    error.reason == .outputLimitExceeded ? .decompressionBomb : .malformed
                throw InventoryError(reason, offset: start + error.offset, "\(name): \(error.detail)")
            }
        default:
            throw InventoryError(.malformed, offset: header, "\(name): compression method \(entry.method) is not read")
        }
        guard output.count == entry.size else {
            throw InventoryError(
                .decompressionBomb, offset: header,
                "\(name) inflates to \(output.count) bytes, not the \(entry.size) declared")
        }
        guard Checksum.crc32(output) == entry.crc32 else {
            throw InventoryError(.malformed, offset: header, "\(name): CRC mismatch")
        }
        inflated += output.count
        return output
    }

    /// The end-of-central-directory record: the last 22 bytes, or up to 64 KiB earlier behind a comment.
    private static func endOfCentralDirectory(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var offset = bytes.count - 22
        let lowest = max(0, offset - 0xFFFF)
        while offset >= lowest {
            if bytes[offset] == 0x50 && bytes[offset + 1] == 0x4B && bytes[offset + 2] == 0x05
                && bytes[offset + 3] == 0x06
            {
                return offset
            }
            offset -= 1
        }
        return nil
    }

    private func read16(_ offset: Int) -> UInt16 { UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8 }

    private func read32(_ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }
}
