/// Reads CBOR items with definite lengths, which is all WebAuthn produces (CTAP2 canonical encoding). Indefinite
/// lengths, reserved additional information and duplicate map keys are refused rather than guessed at.
public struct CBORReader {
    /// Deeper nesting than this is refused: no WebAuthn structure comes close, and it bounds the recursion.
    public static let maximumDepth = 16

    private let bytes: [UInt8]
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var isAtEnd: Bool { offset >= bytes.count }

    /// One item that must fill the whole buffer.
    public static func decode(_ bytes: [UInt8]) throws(CBORError) -> CBORValue {
        var reader = CBORReader(bytes)
        let value = try reader.read()
        guard reader.isAtEnd else {
            throw CBORError(offset: reader.offset, reason: "\(bytes.count - reader.offset) bytes after the item")
        }
        return value
    }

    /// The next item; `offset` moves past it.
    public mutating func read() throws(CBORError) -> CBORValue {
        try read(depth: 0)
    }

    private mutating func read(depth: Int) throws(CBORError) -> CBORValue {
        let start = offset
        guard depth < Self.maximumDepth else {
            throw CBORError(offset: start, reason: "nested deeper than \(Self.maximumDepth)")
        }
        let initial = try byte()
        let major = initial >> 5
        let info = initial & 0x1f
        if major == 7 { return try simple(info, at: start) }
        let argument = try self.argument(info, at: start)
        switch major {
        case 0: return .unsigned(argument)
        case 1: return .negative(argument)
        case 2: return .bytes(try take(argument, at: start))
        case 3:
            let raw = try take(argument, at: start)
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw CBORError(offset: start, reason: "text string is not valid UTF-8")
            }
            return .text(text)
        case 4:
            // Each element takes at least one byte, so a count beyond what is left is malformed, not a huge array.
            guard argument <= UInt64(bytes.count - offset) else {
                throw CBORError(offset: start, reason: "array of \(argument) items exceeds the input")
            }
            var elements: [CBORValue] = []
            elements.reserveCapacity(Int(argument))
            for _ in 0..<argument { elements.append(try read(depth: depth + 1)) }
            return .array(elements)
        case 5:
            guard argument <= UInt64(bytes.count - offset) / 2 else {
                throw CBORError(offset: start, reason: "map of \(argument) pairs exceeds the input")
            }
            var entries: [CBORValue.Entry] = []
            for _ in 0..<argument {
                let keyOffset = offset
                let key = try read(depth: depth + 1)
                if entries.contains(where: { $0.key == key }) {
                    throw CBORError(offset: keyOffset, reason: "duplicate map key")
                }
                entries.append(CBORValue.Entry(key, try read(depth: depth + 1)))
            }
            return .map(entries)
        default:
            return .tagged(argument, try read(depth: depth + 1))
        }
    }

    private mutating func simple(_ info: UInt8, at start: Int) throws(CBORError) -> CBORValue {
        switch info {
        case 20: return .bool(false)
        case 21: return .bool(true)
        case 22: return .null
        case 23: return .undefined
        case 25: return .float(Self.half(UInt16(try bigEndian(2, at: start))))
        case 26: return .float(Double(Float(bitPattern: UInt32(try bigEndian(4, at: start)))))
        case 27: return .float(Double(bitPattern: try bigEndian(8, at: start)))
        case 31: throw CBORError(offset: start, reason: "indefinite-length items are not supported")
        default: throw CBORError(offset: start, reason: "unsupported simple value \(info)")
        }
    }

    private mutating func argument(_ info: UInt8, at start: Int) throws(CBORError) -> UInt64 {
        switch info {
        case 0...23: return UInt64(info)
        case 24: return try bigEndian(1, at: start)
        case 25: return try bigEndian(2, at: start)
        case 26: return try bigEndian(4, at: start)
        case 27: return try bigEndian(8, at: start)
        case 31: throw CBORError(offset: start, reason: "indefinite-length items are not supported")
        default: throw CBORError(offset: start, reason: "reserved additional information \(info)")
        }
    }

    private mutating func byte() throws(CBORError) -> UInt8 {
        guard offset < bytes.count else { throw CBORError(offset: offset, reason: "unexpected end of input") }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func bigEndian(_ count: Int, at start: Int) throws(CBORError) -> UInt64 {
        guard bytes.count - offset >= count else {
            throw CBORError(offset: start, reason: "unexpected end of input in a \(count)-byte argument")
        }
        var value: UInt64 = 0
        for index in offset..<offset + count { value = value << 8 | UInt64(bytes[index]) }
        offset += count
        return value
    }

    private mutating func take(_ length: UInt64, at start: Int) throws(CBORError) -> [UInt8] {
        guard length <= UInt64(bytes.count - offset) else {
            throw CBORError(offset: start, reason: "string of \(length) bytes exceeds the input")
        }
        let end = offset + Int(length)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }

    private static func half(_ bits: UInt16) -> Double {
        let exponent = Int(bits >> 10 & 0x1f)
        let mantissa = Double(bits & 0x3ff)
        let magnitude: Double =
            switch exponent {
            case 0: mantissa * 0x1p-24
            case 31: mantissa == 0 ? .infinity : .nan
            default: (1 + mantissa / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
            }
        return bits & 0x8000 != 0 ? -magnitude : magnitude
    }
}
