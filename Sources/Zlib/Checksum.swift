import CZlib

/// CRC-32 (the gzip/PNG polynomial) with the system zlib.
public enum Checksum {
    public static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        return UInt32(CZlib.crc32_z(0, base.assumingMemoryBound(to: UInt8.self), bytes.count))
    }

    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { crc32($0) }
    }
}
