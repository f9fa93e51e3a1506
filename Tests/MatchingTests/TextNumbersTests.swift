import Testing

@testable import Matching

/// The row deduplication table numbers strings by first appearance whatever the hash does: spread, colliding in a
/// few buckets, or all equal (where it must give up on its hash and move to `Dictionary` rather than go quadratic).
@Suite struct TextNumbersTests {
    /// Keys that differ only late, in a tail shorter than a word, by a prefix, or beyond ASCII (`é` and `e` with a
    /// combining accent are equal as `String`s but not as bytes: distinct keys here).
    static let keys: [String] = {
        var keys = ["", "a", "cpe:2.3:a", "cpe:2.3:a:", "12345678", "123456789", "1234567", "é", "e\u{301}", "版本"]
        for version in 0..<40 {
            keys.append("cpe:2.3:a:google:chrome:119.0.6045.\(version):*:*:*:*:*:*:*")
            keys.append("cpe:2.3:a:google:chrome:119.0.6045.\(version).1:*:*:*:*:*:*:*")
        }
        return keys
    }()

    /// Full hashes, four buckets, one bucket.
    @Test(arguments: [~UInt64(0), 0b11, 0])
    func numbersInOrderOfFirstAppearance(mask: UInt64) {
        var table = TextNumbers(seed: 0x1234_5678, hashMask: mask)
        for (number, key) in Self.keys.enumerated() {
            #expect(table.number(of: key) == nil, "\(key) before insertion")
            #expect(table.insert(key) == Int32(number))
        }
        // Looked up again, in reverse, each finds its own number.
        for (number, key) in Self.keys.enumerated().reversed() { #expect(table.number(of: key) == Int32(number)) }
        #expect(table.number(of: "cpe:2.3:a:google:chrome:119.0.6045.40:*:*:*:*:*:*:*") == nil)
        #expect(table.number(of: "版") == nil)
        #expect(table.count == Self.keys.count)
        // Ninety keys in four buckets or one exceed the probe allowance part-way: numbering carries on in the fallback.
        #expect(table.usesFallback == (mask != ~0))
    }

    @Test func twentyKeysInOneBucketStayInTheTable() {
        var table = TextNumbers(seed: 7, hashMask: 0)
        for (number, key) in Self.keys.prefix(20).enumerated() { #expect(table.insert(key) == Int32(number)) }
        for (number, key) in Self.keys.prefix(20).enumerated() { #expect(table.number(of: key) == Int32(number)) }
        #expect(table.number(of: Self.keys[20]) == nil)
        #expect(!table.usesFallback)
    }

    @Test func everyKeyCollidingMovesToDictionaryAndKeepsTheNumbers() {
        var table = TextNumbers(seed: 7, hashMask: 0)
        let keys = (0..<500).map { "cpe:2.3:a:vendor:product:\($0):*:*:*:*:*:*:*" }
        for (number, key) in keys.enumerated() {
            if table.number(of: key) == nil { #expect(table.insert(key) == Int32(number)) }
        }
        #expect(table.usesFallback)
        for (number, key) in keys.enumerated() { #expect(table.number(of: key) == Int32(number)) }
        #expect(table.number(of: "cpe:2.3:a:vendor:product:500:*:*:*:*:*:*:*") == nil)
        #expect(table.insert("after") == 500)
        #expect(table.number(of: "after") == 500)
    }

    @Test func randomlySeededTablesAgreeOnNumbers() {
        var first = TextNumbers()
        var second = TextNumbers()
        for key in Self.keys + Self.keys.reversed() {
            if first.number(of: key) == nil { first.insert(key) }
            if second.number(of: key) == nil { second.insert(key) }
        }
        #expect(first.count == Self.keys.count)
        for key in Self.keys { #expect(first.number(of: key) == second.number(of: key)) }
    }
}
