/// A CVE identifier (`CVE-2021-44228`), stored as numbers so it hashes and sorts cheaply.
public struct CVEID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: UInt16
    public let number: UInt32

    public init(year: UInt16, number: UInt32) {
        self.year = year
        self.number = number
    }

    /// Parses `CVE-YYYY-NNNN…` (case-insensitive prefix, at least four digits of sequence number).
    public init?(_ text: some StringProtocol) {
        var utf8 = Array(text.utf8)
        guard utf8.count >= 13 else { return nil }
        for index in 0..<3 { utf8[index] |= 0x20 }  // lower-case the prefix
        guard utf8[0] == UInt8(ascii: "c"), utf8[1] == UInt8(ascii: "v"), utf8[2] == UInt8(ascii: "e"),
            utf8[3] == UInt8(ascii: "-"), utf8[8] == UInt8(ascii: "-")
        else { return nil }
        guard let year = Self.digits(utf8[4..<8]), let number = Self.digits(utf8[9...]), utf8.count - 9 <= 9 else {
            return nil
        }
        self.year = UInt16(year)
        self.number = UInt32(number)
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return bytes.isEmpty ? nil : value
    }

    public var description: String {
        let sequence = String(number)
        return "CVE-\(year)-" + String(repeating: "0", count: max(0, 4 - sequence.count)) + sequence
    }

    public static func < (lhs: CVEID, rhs: CVEID) -> Bool {
        (lhs.year, lhs.number) < (rhs.year, rhs.number)
    }
}
