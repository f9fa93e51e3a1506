import Crypto
import WebAuthn

/// A passkey in software: a P-256 key made here, producing the same registration and assertion messages a browser
/// and a security key would. Each message can be bent (origin, type, rpId, flags, algorithm, counter) so tests can
/// show that the relying party refuses it.
public struct SoftwareAuthenticator: Sendable {
    public enum Format: Sendable {
        case none
        case packedSelf
        /// Packed with an attestation certificate (DER) whose key signs the statement.
        case packedX5C(certificate: [UInt8], key: P256.Signing.PrivateKey)
    }

    public let privateKey: P256.Signing.PrivateKey
    public let credentialID: [UInt8]
    public let aaguid: [UInt8]
    public var rpID: String
    public var origin: String
    public var signCount: UInt32

    public init(
        rpID: String, origin: String, signCount: UInt32 = 0, aaguid: [UInt8] = Array(repeating: 0xab, count: 16)
    ) {
        privateKey = P256.Signing.PrivateKey()
        var generator = SystemRandomNumberGenerator()
        credentialID = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        self.aaguid = aaguid
        self.rpID = rpID
        self.origin = origin
        self.signCount = signCount
    }

    public var publicKey: ES256PublicKey {
        let point = Array(privateKey.publicKey.x963Representation)
        return ES256PublicKey(x: Array(point[1..<33]), y: Array(point[33..<65]))!
    }

    public static let presentAndVerified: AuthenticatorData.Flags = [.userPresent, .userVerified]

    /// What `navigator.credentials.create()` would answer.
    public func register(
        challenge: [UInt8], format: Format = .none, origin: String? = nil, type: String = "webauthn.create",
        rpID: String? = nil, flags: AuthenticatorData.Flags = presentAndVerified, coseAlgorithm: Int64 = -7,
        tamperSignature: Bool = false
    ) -> RegistrationResponse {
        let clientData = Self.clientDataJSON(type: type, challenge: challenge, origin: origin ?? self.origin)
        var key = publicKey.coseBytes
        if coseAlgorithm != -7 {
            key = CBORValue.map([
                .init(.int(1), .int(2)), .init(.int(3), .int(coseAlgorithm)), .init(.int(-1), .int(1)),
                .init(.int(-2), .bytes(publicKey.x)), .init(.int(-3), .bytes(publicKey.y)),
            ]).encoded()
        }
        let attested =
            aaguid + [UInt8(credentialID.count >> 8), UInt8(credentialID.count & 0xff)] + credentialID + key
        let authData =
            authenticatorData(rpID: rpID, flags: flags.union(.attestedCredentialData), count: signCount)
            + attested
        let statement: CBORValue
        let signed = authData + Array(SHA256.hash(data: clientData))
        switch format {
        case .none: statement = .map([])
        case .packedSelf:
            var signature = sign(signed)
            if tamperSignature { signature[signature.count - 1] ^= 0x01 }
            statement = .map([.init(.text("alg"), .int(-7)), .init(.text("sig"), .bytes(signature))])
        case .packedX5C(let certificate, let attestationKey):
            let signature = (try? attestationKey.signature(for: signed)).map { Array($0.derRepresentation) } ?? []
            statement = .map([
                .init(.text("alg"), .int(-7)), .init(.text("sig"), .bytes(signature)),
                .init(.text("x5c"), .array([.bytes(certificate)])),
            ])
        }
        let formatName: String
        if case .none = format { formatName = "none" } else { formatName = "packed" }
        let object = CBORValue.map([
            .init(.text("fmt"), .text(formatName)), .init(.text("attStmt"), statement),
            .init(.text("authData"), .bytes(authData)),
        ])
        return RegistrationResponse(clientDataJSON: clientData, attestationObject: object.encoded())
    }

    /// What `navigator.credentials.get()` would answer; the counter moves on by one unless `signCount` is given.
    public mutating func assert(
        challenge: [UInt8], origin: String? = nil, type: String = "webauthn.get", rpID: String? = nil,
        flags: AuthenticatorData.Flags = presentAndVerified, signCount: UInt32? = nil, tamperSignature: Bool = false
    ) -> AssertionResponse {
        self.signCount = signCount ?? self.signCount + 1
        let clientData = Self.clientDataJSON(type: type, challenge: challenge, origin: origin ?? self.origin)
        let authData = authenticatorData(rpID: rpID, flags: flags, count: self.signCount)
        var signature = sign(authData + Array(SHA256.hash(data: clientData)))
        if tamperSignature { signature[signature.count - 1] ^= 0x01 }
        return AssertionResponse(
            credentialID: credentialID, clientDataJSON: clientData, authenticatorData: authData, signature: signature)
    }

    private func authenticatorData(rpID: String?, flags: AuthenticatorData.Flags, count: UInt32) -> [UInt8] {
        Array(SHA256.hash(data: Array((rpID ?? self.rpID).utf8))) + [flags.rawValue]
            + [UInt8(count >> 24), UInt8(count >> 16 & 0xff), UInt8(count >> 8 & 0xff), UInt8(count & 0xff)]
    }

    private func sign(_ message: [UInt8]) -> [UInt8] {
        // Signing with a fresh key cannot fail; the optional keeps force tries out.
        (try? privateKey.signature(for: message)).map { Array($0.derRepresentation) } ?? []
    }

    public static func clientDataJSON(type: String, challenge: [UInt8], origin: String) -> [UInt8] {
        Array(
            #"{"type":"\#(type)","challenge":"\#(Base64URL.encode(challenge))","origin":"\#(origin)","crossOrigin":false}"#
                .utf8)
    }
}
