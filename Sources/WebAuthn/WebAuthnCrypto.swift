/// The cryptography WebAuthn verification needs, supplied by an adapter so that this target stays pure Swift with
/// no dependencies: hashing, ES256 signature checks and reading an attestation certificate.
public protocol WebAuthnCrypto: Sendable {
    func sha256(_ bytes: [UInt8]) -> [UInt8]

    /// Whether `signature` (ASN.1 DER `Ecdsa-Sig-Value`, as WebAuthn carries it) is an ES256 signature of `message`
    /// by `publicKey`.
    func isValidSignature(_ signature: [UInt8], of message: [UInt8], by publicKey: ES256PublicKey) -> Bool

    /// The fields of a DER X.509 certificate that packed attestation checks (WebAuthn §8.2.1).
    func attestationCertificate(der: [UInt8]) throws(WebAuthnError) -> AttestationCertificate
}

/// What packed attestation needs to know about the attestation certificate.
public struct AttestationCertificate: Hashable, Sendable {
    /// The X.509 version number as written (2 means v3).
    public var version: Int
    /// The subject key when it is a P-256 key; nil for any other kind.
    public var publicKey: ES256PublicKey?
    public var country: String?
    public var organization: String?
    public var organizationalUnit: String?
    public var commonName: String?
    /// Basic constraints cA; false when the extension is absent.
    public var isCertificateAuthority: Bool
    /// The 16 bytes of the id-fido-gen-ce-aaguid extension (1.3.6.1.4.1.45724.1.1.4), when present.
    public var aaguid: [UInt8]?

    public init(
        version: Int, publicKey: ES256PublicKey?, country: String?, organization: String?,
        organizationalUnit: String?, commonName: String?, isCertificateAuthority: Bool, aaguid: [UInt8]?
    ) {
        self.version = version
        self.publicKey = publicKey
        self.country = country
        self.organization = organization
        self.organizationalUnit = organizationalUnit
        self.commonName = commonName
        self.isCertificateAuthority = isCertificateAuthority
        self.aaguid = aaguid
    }
}
