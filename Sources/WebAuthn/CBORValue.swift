/// One CBOR data item (RFC 8949), as far as WebAuthn needs them: attestation objects, attestation statements and
/// COSE keys. Maps keep their order so that a re-encoded item has the authenticator's bytes.
public indirect enum CBORValue: Hashable, Sendable {
    case unsigned(UInt64)
    /// A negative integer stored as CBOR does: the value is `-1 - n`.
    case negative(UInt64)
    case bytes([UInt8])
    case text(String)
    case array([CBORValue])
    case map([Entry])
    case tagged(UInt64, CBORValue)
    case bool(Bool)
    case null
    case undefined
    case float(Double)

    public struct Entry: Hashable, Sendable {
        public var key: CBORValue
        public var value: CBORValue

        public init(_ key: CBORValue, _ value: CBORValue) {
            self.key = key
            self.value = value
        }
    }

    /// An integer item's value when it fits an `Int64`.
    public var integer: Int64? {
        switch self {
        case .unsigned(let n): return n <= UInt64(Int64.max) ? Int64(n) : nil
        case .negative(let n): return n <= UInt64(Int64.max) ? -1 - Int64(n) : nil
        default: return nil
        }
    }

    public var byteString: [UInt8]? {
        if case .bytes(let bytes) = self { return bytes }
        return nil
    }

    public var textString: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var entries: [Entry]? {
        if case .map(let entries) = self { return entries }
        return nil
    }

    /// The value under an integer key of a map (COSE keys use integer labels).
    public subscript(label: Int64) -> CBORValue? {
        entries?.first { $0.key.integer == label }?.value
    }

    /// The value under a text key of a map (attestation objects use text keys).
    public subscript(key: String) -> CBORValue? {
        entries?.first { $0.key.textString == key }?.value
    }

    /// A signed integer item.
    public static func int(_ value: Int64) -> CBORValue {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-1 - value))
    }
}
