/// Why a registration or an assertion was refused. `part` names the piece of the response (`clientDataJSON`,
/// `attestationObject`, `authenticatorData`, `signature`) and `offset` the byte in it where reading stopped, when
/// the piece could not be read.
public struct WebAuthnError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// A piece could not be read (bad CBOR, JSON, base64url, lengths).
        case malformed
        /// `clientDataJSON.type` is not the ceremony's.
        case wrongType = "wrong type"
        case wrongChallenge = "wrong challenge"
        case wrongOrigin = "wrong origin"
        /// The authenticator data's rpIdHash is not SHA-256 of this relying party's id.
        case wrongRelyingParty = "wrong relying party"
        case userNotPresent = "user not present"
        case userNotVerified = "user not verified"
        /// The credential key is not ES256 (COSE alg -7, EC2 on P-256).
        case unsupportedAlgorithm = "unsupported algorithm"
        case unsupportedAttestation = "unsupported attestation format"
        /// The attestation statement or its certificate does not meet the format's rules.
        case invalidAttestation = "invalid attestation"
        case badSignature = "bad signature"
        /// The signature counter did not increase: the authenticator may have been cloned.
        case signCountRegression = "sign count regression"
        /// The response is for another credential than the one it was checked against.
        case wrongCredential = "wrong credential"
    }

    public var kind: Kind
    public var detail: String
    public var part: String?
    public var offset: Int?

    public init(_ kind: Kind, _ detail: String, part: String? = nil, offset: Int? = nil) {
        self.kind = kind
        self.detail = detail
        self.part = part
        self.offset = offset
    }

    public var description: String {
        var text = "\(kind.rawValue): \(detail)"
        if let part { text += " (\(part)" + (offset.map { " byte \($0)" } ?? "") + ")" }
        return text
    }

    static func malformed(_ part: String, _ error: CBORError) -> WebAuthnError {
        WebAuthnError(.malformed, error.reason, part: part, offset: error.offset)
    }
}
