import JSON

/// Shares one `String` among equal strings of a batch (CPE criteria, scorers, tags, vectors), looked up by
/// the raw bytes so that a repeated string costs a hash and a compare instead of an allocation.
struct StringInterner {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var strings: [String] = []
    private var mask: Int

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { strings.count }

    /// The shared string for a JSON string token (escapes resolved); `isNew` tells a first sighting, so a
    /// caller can validate each distinct value once.
    mutating func intern(_ text: JSONText) -> (string: String, isNew: Bool) {
        if text.hasEscapes { return intern(text.string) }
        return intern(bytes: text.bytes)
    }

    mutating func intern(_ string: String) -> (string: String, isNew: Bool) {
        var copy = string
        return copy.withUTF8 { intern(bytes: $0) }
    }

    mutating func intern(bytes: UnsafeBufferPointer<UInt8>) -> (string: String, isNew: Bool) {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { break }
            if hashes[index] == hash, Self.equal(strings[index], bytes) { return (strings[index], false) }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: bytes, as: UTF8.self)
        slots[slot] = Int32(strings.count)
        hashes.append(hash)
        strings.append(string)
        if strings.count * 2 > slots.count { grow() }
        return (string, true)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let same = string.utf8.withContiguousStorageIfAvailable { stored -> Bool in
            guard stored.count == bytes.count else { return false }
            for index in 0..<stored.count where stored[index] != bytes[index] { return false }
            return true
        }
        return same ?? string.utf8.elementsEqual(bytes)
    }

    /// Eight bytes at a time, multiply-and-rotate, then a final mix so that the low bits used for slots
    /// depend on every byte. Criteria are ~50 bytes; a byte-wise hash was a tenth of the decoding time.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var hash = UInt64(truncatingIfNeeded: bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ (word &* 0xBF58_476D_1CE4_E5B9)).rotatedLeft(by: 27) &* 0x94D0_49BB_1331_11EB
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(base[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ (tail &* 0xBF58_476D_1CE4_E5B9)).rotatedLeft(by: 27) &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 31
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        return hash ^ hash >> 29
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 { self << count | self >> (64 - count) }
}
