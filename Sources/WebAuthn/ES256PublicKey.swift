/// A credential's public key: ECDSA on P-256 with SHA-256, COSE algorithm -7 (the only one this relying party
/// accepts), as the affine coordinates of the point.
public struct ES256PublicKey: Hashable, Sendable {
    public static let coseAlgorithm: Int64 = -7

    public var x: [UInt8]
    public var y: [UInt8]

    public init?(x: [UInt8], y: [UInt8]) {
        guard x.count == 32, y.count == 32 else { return nil }
        self.x = x
        self.y = y
    }

    /// The SEC 1 uncompressed point, 0x04 ‖ x ‖ y, which cryptographic libraries take.
    public var uncompressed: [UInt8] { [0x04] + x + y }

    /// Reads a COSE_Key (RFC 9053): kty 2 (EC2), alg -7, crv 1 (P-256), x and y of 32 bytes.
    public init(cose value: CBORValue) throws(WebAuthnError) {
        guard value.entries != nil else { throw WebAuthnError(.malformed, "the COSE key is not a map") }
        guard let alg = value[3]?.integer else { throw WebAuthnError(.malformed, "the COSE key has no alg (3)") }
        guard alg == Self.coseAlgorithm else {
            throw WebAuthnError(.unsupportedAlgorithm, "COSE algorithm \(alg); only ES256 (-7) is accepted")
        }
        guard value[1]?.integer == 2, value[-1]?.integer == 1 else {
            throw WebAuthnError(.unsupportedAlgorithm, "ES256 key that is not EC2 on P-256 (kty 2, crv 1)")
        }
        guard let x = value[-2]?.byteString, let y = value[-3]?.byteString, let key = ES256PublicKey(x: x, y: y) else {
            throw WebAuthnError(.malformed, "the COSE key's x (-2) and y (-3) must be 32-byte strings")
        }
        self = key
    }

    /// Reads a COSE_Key from its CBOR bytes, as stored.
    public init(coseBytes: [UInt8]) throws(WebAuthnError) {
        let value: CBORValue
        do { value = try CBORReader.decode(coseBytes) } catch { throw .malformed("credentialPublicKey", error) }
        try self.init(cose: value)
    }

    /// The COSE_Key as CBOR, with the labels in canonical order.
    public var coseBytes: [UInt8] {
        CBORValue.map([
            .init(.int(1), .int(2)), .init(.int(3), .int(Self.coseAlgorithm)), .init(.int(-1), .int(1)),
            .init(.int(-2), .bytes(x)), .init(.int(-3), .bytes(y)),
        ]).encoded()
    }
}
