import Testing
import WebAuthn

@Suite struct CBORReaderTests {
    struct Good: CustomTestStringConvertible, Sendable {
        var hex: String
        var value: CBORValue
        var testDescription: String { hex }
    }

    // RFC 8949 appendix A examples, plus the shapes WebAuthn uses.
    static let good: [Good] = [
        Good(hex: "00", value: .unsigned(0)),
        Good(hex: "17", value: .unsigned(23)),
        Good(hex: "1818", value: .unsigned(24)),
        Good(hex: "1903e8", value: .unsigned(1000)),
        Good(hex: "1bffffffffffffffff", value: .unsigned(.max)),
        Good(hex: "20", value: .int(-1)),
        Good(hex: "26", value: .int(-7)),
        Good(hex: "3903e7", value: .int(-1000)),
        Good(hex: "4401020304", value: .bytes([1, 2, 3, 4])),
        Good(hex: "6449455446", value: .text("IETF")),
        Good(hex: "62c3bc", value: .text("ü")),
        Good(hex: "83010203", value: .array([.unsigned(1), .unsigned(2), .unsigned(3)])),
        Good(hex: "a201020304", value: .map([.init(.unsigned(1), .unsigned(2)), .init(.unsigned(3), .unsigned(4))])),
        Good(hex: "c11a514b67b0", value: .tagged(1, .unsigned(1_363_896_240))),
        Good(hex: "f4", value: .bool(false)),
        Good(hex: "f6", value: .null),
        Good(hex: "f93c00", value: .float(1.0)),
        Good(hex: "f9c400", value: .float(-4.0)),
        Good(hex: "fa47c35000", value: .float(100_000.0)),
        Good(hex: "fb3ff199999999999a", value: .float(1.1)),
    ]

    @Test(arguments: good)
    func decodes(_ example: Good) throws {
        let bytes = Self.bytes(example.hex)
        #expect(try CBORReader.decode(bytes) == example.value)
        if case .float = example.value { return }
        #expect(example.value.encoded() == bytes, "re-encoding gives the same bytes")
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var hex: String
        var offset: Int
        var reason: String
        var testDescription: String { "\(hex) → byte \(offset)" }
    }

    static let bad: [Bad] = [
        Bad(hex: "", offset: 0, reason: "unexpected end"),
        Bad(hex: "19", offset: 0, reason: "2-byte argument"),
        Bad(hex: "8301025f", offset: 3, reason: "indefinite"),
        Bad(hex: "9f01ff", offset: 0, reason: "indefinite"),
        Bad(hex: "1c", offset: 0, reason: "reserved"),
        Bad(hex: "45010203", offset: 0, reason: "exceeds the input"),
        Bad(hex: "a10181", offset: 2, reason: "exceeds the input"),
        Bad(hex: "a2010201", offset: 0, reason: "exceeds the input"),
        Bad(hex: "a201020103", offset: 3, reason: "duplicate map key"),
        Bad(hex: "62c328", offset: 0, reason: "UTF-8"),
        Bad(hex: "0000", offset: 1, reason: "after the item"),
        Bad(hex: "f8", offset: 0, reason: "simple value"),
        Bad(hex: "9bffffffffffffffff", offset: 0, reason: "exceeds the input"),
        Bad(hex: String(repeating: "81", count: 20) + "00", offset: 16, reason: "nested deeper"),
    ]

    @Test(arguments: bad)
    func refusesWithOffset(_ example: Bad) {
        #expect {
            try CBORReader.decode(Self.bytes(example.hex))
        } throws: { error in
            guard let error = error as? CBORError else { return false }
            return error.offset == example.offset && error.reason.contains(example.reason)
        }
    }

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return out
    }
}
