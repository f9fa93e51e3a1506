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

    /// FNV-1a over 64 bits, mixed at the end so that short keys spread over the low bits used for slots.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3 }
        hash ^= hash >> 29
        hash = hash &* 0xbf58_476d_1ce4_e5b9
        return hash ^ hash >> 32
    }
}
