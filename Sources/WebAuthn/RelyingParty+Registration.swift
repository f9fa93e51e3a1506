/// What a browser sends back from `navigator.credentials.create()`.
public struct RegistrationResponse: Hashable, Sendable {
    public var clientDataJSON: [UInt8]
    public var attestationObject: [UInt8]

    public init(clientDataJSON: [UInt8], attestationObject: [UInt8]) {
        self.clientDataJSON = clientDataJSON
        self.attestationObject = attestationObject
    }
}

/// A credential that passed registration, ready to be stored.
public struct RegisteredCredential: Hashable, Sendable {
    public enum AttestationType: String, Hashable, Sendable {
        case none
        /// Packed, signed by the credential key itself.
        case selfAttestation = "self"
        /// Packed with an x5c chain. The chain is not checked against trust anchors: no metadata service is
        /// configured, so this says which authenticator model claims to be, not that it is.
        case basic
    }

    public var id: [UInt8]
    public var publicKey: ES256PublicKey
    /// The COSE key as the authenticator wrote it, for storage.
    public var publicKeyBytes: [UInt8]
    public var signCount: UInt32
    public var aaguid: [UInt8]
    public var format: String
    public var attestationType: AttestationType
    /// The attestation certificates, leaf first (DER), for the record.
    public var trustPath: [[UInt8]]
    public var flags: AuthenticatorData.Flags
}

extension RelyingParty {
    /// Verifies a registration (WebAuthn §7.1) for the challenge this service issued.
    public func verifyRegistration(_ response: RegistrationResponse, challenge: [UInt8]) throws(WebAuthnError)
        -> RegisteredCredential
    {
        let client = try ClientData(response.clientDataJSON)
        try client.check(.create, challenge: challenge, origins: origins)
        let clientDataHash = crypto.sha256(response.clientDataJSON)

        let object: CBORValue
        do { object = try CBORReader.decode(response.attestationObject) } catch {
            throw .malformed("attestationObject", error)
        }
        guard let format = object["fmt"]?.textString, let statement = object["attStmt"], statement.entries != nil,
            let authDataBytes = object["authData"]?.byteString
        else {
            throw WebAuthnError(.malformed, "fmt, attStmt and authData are required", part: "attestationObject")
        }
        let data = try AuthenticatorData(authDataBytes, part: "authData")
        try check(data, part: "authData")
        guard let credential = data.attestedCredential else {
            throw WebAuthnError(.malformed, "no attested credential data (AT flag)", part: "authData", offset: 32)
        }
        let publicKey = try ES256PublicKey(cose: credential.publicKey)

        let type: RegisteredCredential.AttestationType
        var trustPath: [[UInt8]] = []
        switch format {
        case "none":
            guard statement.entries?.isEmpty == true else {
                throw WebAuthnError(.invalidAttestation, "a none attestation carries a statement")
            }
            type = .none
        case "packed":
            (type, trustPath) = try verifyPacked(
                statement, signed: authDataBytes + clientDataHash, credentialKey: publicKey, aaguid: credential.aaguid)
        default:
            throw WebAuthnError(.unsupportedAttestation, "attestation format \(format); only none and packed")
        }
        return RegisteredCredential(
            id: credential.id, publicKey: publicKey, publicKeyBytes: credential.publicKeyBytes,
            signCount: data.signCount, aaguid: credential.aaguid, format: format, attestationType: type,
            trustPath: trustPath, flags: data.flags)
    }

    /// Packed attestation (WebAuthn §8.2): with x5c, the leaf certificate's key signs and the certificate must meet
    /// §8.2.1; without, the credential key signs itself.
    private func verifyPacked(
        _ statement: CBORValue, signed message: [UInt8], credentialKey: ES256PublicKey, aaguid: [UInt8]
    ) throws(WebAuthnError) -> (RegisteredCredential.AttestationType, [[UInt8]]) {
        guard let alg = statement["alg"]?.integer, let signature = statement["sig"]?.byteString else {
            throw WebAuthnError(.invalidAttestation, "a packed statement needs alg and sig")
        }
        guard alg == ES256PublicKey.coseAlgorithm else {
            throw WebAuthnError(.unsupportedAlgorithm, "packed attestation alg \(alg); only ES256 (-7)")
        }
        guard let x5c = statement["x5c"] else {
            guard crypto.isValidSignature(signature, of: message, by: credentialKey) else {
                throw WebAuthnError(.badSignature, "the self attestation signature does not verify")
            }
            return (.selfAttestation, [])
        }
        guard case .array(let items) = x5c, !items.isEmpty else {
            throw WebAuthnError(.invalidAttestation, "x5c must be a non-empty array")
        }
        var chain: [[UInt8]] = []
        for item in items {
            guard let der = item.byteString else {
                throw WebAuthnError(.invalidAttestation, "x5c holds a non-bytes item")
            }
            chain.append(der)
        }
        let certificate = try crypto.attestationCertificate(der: chain[0])
        guard let key = certificate.publicKey else {
            throw WebAuthnError(.unsupportedAlgorithm, "the attestation certificate's key is not P-256")
        }
        guard crypto.isValidSignature(signature, of: message, by: key) else {
            throw WebAuthnError(.badSignature, "the attestation signature does not verify with the x5c certificate")
        }
        try Self.checkRequirements(certificate, aaguid: aaguid)
        return (.basic, chain)
    }

    /// Packed attestation certificate requirements (WebAuthn §8.2.1).
    public static func checkRequirements(_ certificate: AttestationCertificate, aaguid: [UInt8]) throws(WebAuthnError) {
        func refuse(_ detail: String) -> WebAuthnError { WebAuthnError(.invalidAttestation, detail) }
        guard certificate.version == 2 else { throw refuse("the attestation certificate is not X.509 v3") }
        guard let country = certificate.country, country.utf8.count == 2 else {
            throw refuse("the attestation certificate's subject has no two-letter C")
        }
        guard certificate.organization?.isEmpty == false, certificate.commonName?.isEmpty == false else {
            throw refuse("the attestation certificate's subject needs O and CN")
        }
        guard certificate.organizationalUnit == "Authenticator Attestation" else {
            throw refuse("the attestation certificate's subject OU must be \"Authenticator Attestation\"")
        }
        guard !certificate.isCertificateAuthority else { throw refuse("the attestation certificate is a CA") }
        if let certified = certificate.aaguid, certified != aaguid {
            throw refuse("the certificate's AAGUID extension differs from the authenticator data's")
        }
    }
}
