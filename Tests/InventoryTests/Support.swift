import Inventory
import TestSupport
import Testing

/// A small deterministic generator, so that "random" chunk sizes are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

enum Read {
    static func text(
        _ text: String, fileName: String? = nil, options: InventoryOptions = InventoryOptions()
    ) throws -> InventoryFile {
        try InventoryReader.read(Array(text.utf8), fileName: fileName, options: options)
    }

    static func fixture(_ name: String, options: InventoryOptions = InventoryOptions()) throws -> InventoryFile {
        try InventoryReader.read(
            SharedData.bytes(at: SharedData.fixture("Inventory/" + name)), fileName: name, options: options)
    }

    /// Feeds `bytes` in chunks whose sizes are drawn from `sizes`.
    static func chunked(
        _ bytes: [UInt8], sizes: ClosedRange<Int>, seed: UInt64, fileName: String? = nil,
        options: InventoryOptions = InventoryOptions()
    ) throws -> InventoryFile {
        var generator = SplitMix64(state: seed)
        var reader = InventoryReader(options: options, fileName: fileName)
        var collector = InventoryCollector()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: sizes, using: &generator))
            try reader.feed(Array(bytes[start..<end]), to: &collector)
            start = end
        }
        let summary = try reader.finish(to: &collector)
        return InventoryFile(records: collector.records, issues: collector.issues, summary: summary)
    }

    /// The error a whole-file read throws, or nil when it reads.
    static func refusal(_ bytes: [UInt8], fileName: String? = nil, options: InventoryOptions = InventoryOptions())
        -> InventoryError?
    {
        do {
            _ = try InventoryReader.read(bytes, fileName: fileName, options: options)
            return nil
        } catch {
            return error
        }
    }
}

enum TestSupportBytes {
    static func fixture(_ relativePath: String) throws -> [UInt8] {
        try SharedData.bytes(at: SharedData.fixture(relativePath))
    }
}
