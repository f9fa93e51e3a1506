/// A string token (a key or a string value) as it appears in the buffer, compared as bytes.
public struct JSONText {
    public let bytes: UnsafeBufferPointer<UInt8>
    /// True when the raw key contains backslash escapes (then comparisons decode it first).
    public let hasEscapes: Bool

    @inline(__always)
    public static func == (key: JSONText, literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        if key.hasEscapes { return key.decoded == Array(UnsafeBufferPointer(start: literal.utf8Start, count: count)) }
        guard key.bytes.count == count, let start = key.bytes.baseAddress else {
            return count == 0 && key.bytes.isEmpty
        }
        let text = literal.utf8Start
        for index in 0..<count where start[index] != text[index] { return false }
        return true
    }

    /// The text with escapes resolved (an unpaired surrogate becomes U+FFFD).
    public var string: String { String(decoding: decoded, as: UTF8.self) }

    var decoded: [UInt8] {
        guard hasEscapes else { return Array(bytes) }
        var output: [UInt8] = []
        _ = JSONReader.unescape(bytes, into: &output, lenient: true)
        return output
    }
}
