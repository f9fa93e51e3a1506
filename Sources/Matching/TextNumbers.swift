/// Numbers distinct strings in order of first appearance, keyed by their UTF-8 bytes: the deduplication table for
/// the CPE names of a million inventory rows, where `[String: Int32]` spent most of its time in SipHash.
///
/// Open addressing with linear probing over a power-of-two slot array kept at most half full; each entry's bytes
/// sit in one arena and its full hash is kept, so a probe rarely touches the bytes of a key that differs. Keys equal
/// byte for byte, not by Unicode canonical equivalence as `String` is: the two agree on the ASCII that CPE names are
/// made of (the parser refuses anything else).
///
/// Inventories are uploaded by agencies, so the table must not degrade into quadratic work on crafted input. The hash
/// is keyed with a per-process random seed (taken from the standard library's randomly seeded `Hasher`), so which
/// names collide cannot be known in advance; and should probing nevertheless exceed a fixed budget per look-up (a
/// seed-independent collision in the mixing function, say), the table moves its entries into a `Dictionary` keyed by
/// the same bytes, whose SipHash is built for that, and carries on there with the same numbers.
struct TextNumbers {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var ends: [Int] = []
    private var bytes: [UInt8] = []
    private let seed: UInt64
    /// Mask applied to every hash; all ones except in tests, which force collisions with it.
    private let hashMask: UInt64
    private var lookups = 0
    private var probes = 0
    private var fallback: [[UInt8]: Int32]?

    /// Probes allowed per look-up on average, beyond a fixed allowance, before the table gives up on its hash. With
    /// a random hash and a half-full table the average is below two.
    static let probeBudget = 8
    static let probeAllowance = 4096

    /// The distinct strings so far.
    private(set) var count = 0

    init() {
        self.init(seed: Self.processSeed(), hashMask: ~0)
    }

    /// A seed that differs from one process to the next (the standard library seeds `Hasher` at random), for hashes
    /// whose collisions an uploaded inventory must not be able to aim at.
    static func processSeed() -> UInt64 {
        var hasher = Hasher()
        hasher.combine(0x5EED as UInt16)
        return UInt64(UInt(bitPattern: hasher.finalize()))
    }

    /// A table with a fixed seed; `hashMask` keeps only some bits of each hash, so that tests can make keys collide.
    init(seed: UInt64, hashMask: UInt64) {
        self.seed = seed
        self.hashMask = hashMask
        slots = Array(repeating: -1, count: 16)
    }

    /// Whether the table has moved to `Dictionary` after too much probing.
    var usesFallback: Bool { fallback != nil }

    /// The number of `text`, if it was inserted.
    mutating func number(of text: String) -> Int32? {
        if let fallback { return fallback[Array(text.utf8)] }
        let number = Self.withBytes(text) { key in find(key, hash: hash(key)).number }
        if probes > Self.probeBudget * lookups + Self.probeAllowance { moveToFallback() }
        return number
    }

    /// Numbers `text`, which must not be in the table yet, with the next number.
    @discardableResult
    mutating func insert(_ text: String) -> Int32 {
        let number = Int32(count)
        count += 1
        if fallback != nil {
            fallback?[Array(text.utf8)] = number
            return number
        }
        if 2 * count > slots.count { grow() }
        Self.withBytes(text) { key in
            let hash = self.hash(key)
            let slot = find(key, hash: hash).slot
            slots[slot] = number
            hashes.append(hash)
            bytes.append(contentsOf: key)
            ends.append(bytes.count)
        }
        if probes > Self.probeBudget * lookups + Self.probeAllowance { moveToFallback() }
        return number
    }

    /// The slot holding `key`, with its number, or the empty slot where it would go.
    private mutating func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, number: Int32?) {
        lookups += 1
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            probes += 1
            let number = slots[slot]
            if number < 0 { return (slot, nil) }
            if hashes[Int(number)] == hash, equals(Int(number), key) { return (slot, number) }
            slot = (slot + 1) & mask
        }
    }

    private func equals(_ number: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = number == 0 ? 0 : ends[number - 1]
        guard ends[number] - start == key.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            var offset = 0
            while offset < key.count {
                if stored[start + offset] != key[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    private mutating func grow() {
        var grown = [Int32](repeating: -1, count: slots.count * 2)
        let mask = grown.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while grown[slot] >= 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(number)
        }
        slots = grown
    }

    private mutating func moveToFallback() {
        var dictionary: [[UInt8]: Int32] = Dictionary(minimumCapacity: count)
        var start = 0
        for (number, end) in ends.enumerated() {
            dictionary[Array(bytes[start..<end])] = Int32(number)
            start = end
        }
        fallback = dictionary
        slots = []
        hashes = []
        ends = []
        bytes = []
    }

    private static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Eight bytes at a time, each word folded into the state with a full-width multiplication (as in wyhash).
    private func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var state = seed ^ UInt64(key.count) &* 0x9E37_79B9_7F4A_7C15
        let raw = UnsafeRawBufferPointer(key)
        var offset = 0
        while offset + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            state = Self.fold(state ^ word, 0xA076_1D64_78BD_642F)
            offset += 8
        }
        if offset < raw.count {
            var word: UInt64 = 0
            for index in offset..<raw.count { word |= UInt64(raw[index]) << (8 * UInt64(index - offset)) }
            state = Self.fold(state ^ word, 0xE703_7ED1_A0B4_28DB)
        }
        return Self.fold(state, seed ^ 0x8EBC_6AF0_9C88_C6E3) & hashMask
    }

    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
