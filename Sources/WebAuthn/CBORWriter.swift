extension CBORValue {
    /// The item in CBOR with the shortest argument encodings and maps in the order given. The service only writes
    /// what it also reads back (tests' software authenticators, stored COSE keys), so canonical key sorting is
    /// the caller's business.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        append(to: &out)
        return out
    }

    private func append(to out: inout [UInt8]) {
        switch self {
        case .unsigned(let n): Self.head(0, n, &out)
        case .negative(let n): Self.head(1, n, &out)
        case .bytes(let bytes):
            Self.head(2, UInt64(bytes.count), &out)
            out += bytes
        case .text(let text):
            let utf8 = Array(text.utf8)
            Self.head(3, UInt64(utf8.count), &out)
            out += utf8
        case .array(let elements):
            Self.head(4, UInt64(elements.count), &out)
            for element in elements { element.append(to: &out) }
        case .map(let entries):
            Self.head(5, UInt64(entries.count), &out)
            for entry in entries {
                entry.key.append(to: &out)
                entry.value.append(to: &out)
            }
        case .tagged(let tag, let value):
            Self.head(6, tag, &out)
            value.append(to: &out)
        case .bool(let flag): out.append(flag ? 0xf5 : 0xf4)
        case .null: out.append(0xf6)
        case .undefined: out.append(0xf7)
        case .float(let value):
            out.append(0xfb)
            Self.bigEndian(value.bitPattern, 8, &out)
        }
    }

    private static func head(_ major: UInt8, _ argument: UInt64, _ out: inout [UInt8]) {
        let type = major << 5
        switch argument {
        case 0..<24: out.append(type | UInt8(argument))
        case 24...0xff:
            out.append(type | 24)
            bigEndian(argument, 1, &out)
        case 0x100...0xffff:
            out.append(type | 25)
            bigEndian(argument, 2, &out)
        case 0x1_0000...0xffff_ffff:
            out.append(type | 26)
            bigEndian(argument, 4, &out)
        default:
            out.append(type | 27)
            bigEndian(argument, 8, &out)
        }
    }

    private static func bigEndian(_ value: UInt64, _ count: Int, _ out: inout [UInt8]) {
        for shift in stride(from: (count - 1) * 8, through: 0, by: -8) {
            out.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }
}
