import Signatures
import SoftwareAuthenticator
import Testing
import WebAuthn

@Suite struct RegistrationTests {
    static let rpID = "vans.example.gov.tw"
    static let origin = "https://vans.example.gov.tw"
    static let party = RelyingParty(id: rpID, origins: [origin], crypto: SwiftCryptoWebAuthn())
    static let challenge: [UInt8] = Array(0..<32)

    @Test(arguments: [SoftwareAuthenticator.Format.none, .packedSelf])
    func softwareAuthenticatorRegisters(_ format: SoftwareAuthenticator.Format) throws {
        let authenticator = SoftwareAuthenticator(rpID: Self.rpID, origin: Self.origin)
        let response = authenticator.register(challenge: Self.challenge, format: format)
        let credential = try Self.party.verifyRegistration(response, challenge: Self.challenge)
        #expect(credential.id == authenticator.credentialID)
        #expect(credential.publicKey == authenticator.publicKey)
        let expected: RegisteredCredential.AttestationType
        if case .none = format { expected = .none } else { expected = .selfAttestation }
        #expect(credential.attestationType == expected)
        #expect(try ES256PublicKey(coseBytes: credential.publicKeyBytes) == authenticator.publicKey)
        #expect(credential.flags.contains(.userVerified))
    }

    struct Bent: CustomTestStringConvertible, Sendable {
        var name: String
        var kind: WebAuthnError.Kind
        var make: @Sendable (SoftwareAuthenticator) -> RegistrationResponse
        var testDescription: String { name }
    }

    static let bent: [Bent] = [
        Bent(name: "wrong origin", kind: .wrongOrigin) {
            $0.register(challenge: challenge, origin: "https://vans.example.gov.tw.evil.example")
        },
        Bent(name: "wrong challenge", kind: .wrongChallenge) { $0.register(challenge: Array(1..<33)) },
        Bent(name: "assertion type", kind: .wrongType) { $0.register(challenge: challenge, type: "webauthn.get") },
        Bent(name: "wrong rpId", kind: .wrongRelyingParty) {
            $0.register(challenge: challenge, rpID: "example.gov.tw")
        },
        Bent(name: "UP missing", kind: .userNotPresent) { $0.register(challenge: challenge, flags: [.userVerified]) },
        Bent(name: "UV missing", kind: .userNotVerified) { $0.register(challenge: challenge, flags: [.userPresent]) },
        Bent(name: "RS256 key", kind: .unsupportedAlgorithm) { $0.register(challenge: challenge, coseAlgorithm: -257) },
        Bent(name: "EdDSA key", kind: .unsupportedAlgorithm) { $0.register(challenge: challenge, coseAlgorithm: -8) },
        Bent(name: "tampered self attestation", kind: .badSignature) {
            $0.register(challenge: challenge, format: .packedSelf, tamperSignature: true)
        },
        Bent(name: "BS without BE", kind: .malformed) {
            $0.register(challenge: challenge, flags: [.userPresent, .userVerified, .backedUp])
        },
    ]

    @Test(arguments: bent)
    func refuses(_ example: Bent) {
        let response = example.make(SoftwareAuthenticator(rpID: Self.rpID, origin: Self.origin))
        #expect {
            try Self.party.verifyRegistration(response, challenge: Self.challenge)
        } throws: { error in
            (error as? WebAuthnError)?.kind == example.kind
        }
    }

    @Test func unknownFormatIsRefused() throws {
        let response = SoftwareAuthenticator(rpID: Self.rpID, origin: Self.origin).register(challenge: Self.challenge)
        var object = try CBORReader.decode(response.attestationObject).entries ?? []
        object[0] = .init(.text("fmt"), .text("tpm"))
        let bent = RegistrationResponse(
            clientDataJSON: response.clientDataJSON, attestationObject: CBORValue.map(object).encoded())
        #expect { try Self.party.verifyRegistration(bent, challenge: Self.challenge) } throws: { error in
            (error as? WebAuthnError)?.kind == .unsupportedAttestation
        }
    }

    @Test func malformedAttestationObjectNamesTheOffset() {
        let response = SoftwareAuthenticator(rpID: Self.rpID, origin: Self.origin).register(challenge: Self.challenge)
        let cut = RegistrationResponse(
            clientDataJSON: response.clientDataJSON, attestationObject: Array(response.attestationObject.dropLast(5)))
        #expect { try Self.party.verifyRegistration(cut, challenge: Self.challenge) } throws: { error in
            guard let error = error as? WebAuthnError else { return false }
            return error.kind == .malformed && error.part == "attestationObject"
                && error.offset ?? 0 > 0 && error.offset ?? 0 < cut.attestationObject.count
        }
    }

    // Published vectors (duo-labs/py_webauthn tests): a YubiKey's packed attestation with an x5c certificate, and a
    // none attestation, both for rpId localhost.
    @Test(arguments: ["packed-x5c-yubikey.json", "none-localhost.json"])
    func publishedVectorVerifies(_ name: String) throws {
        let vector = try Vector(name)
        let party = RelyingParty(
            id: vector.text("rpId"), origins: [vector.text("origin")], crypto: SwiftCryptoWebAuthn())
        let response = RegistrationResponse(
            clientDataJSON: vector.bytes("clientDataJSON"), attestationObject: vector.bytes("attestationObject"))
        let credential = try party.verifyRegistration(response, challenge: vector.bytes("challenge"))
        #expect(credential.id == vector.bytes("credentialId"))
        if name.hasPrefix("packed") {
            #expect(credential.format == "packed")
            #expect(credential.attestationType == .basic)
            #expect(credential.trustPath.count == 1)
        } else {
            #expect(credential.attestationType == .none)
        }
        #expect {
            try party.verifyRegistration(response, challenge: Array(vector.bytes("challenge").reversed()))
        } throws: { ($0 as? WebAuthnError)?.kind == .wrongChallenge }
    }

    @Test func packedVectorWithAForgedSignatureIsRefused() throws {
        let vector = try Vector("packed-x5c-yubikey.json")
        let party = RelyingParty(id: "localhost", origins: [vector.text("origin")], crypto: SwiftCryptoWebAuthn())
        var object = try CBORReader.decode(vector.bytes("attestationObject"))
        guard case .map(var entries) = object, let index = entries.firstIndex(where: { $0.key == .text("attStmt") }),
            case .map(var statement) = entries[index].value,
            let sigIndex = statement.firstIndex(where: { $0.key == .text("sig") }),
            case .bytes(var signature) = statement[sigIndex].value
        else {
            Issue.record("the vector's attestation statement is not as expected")
            return
        }
        signature[signature.count - 3] ^= 0x40
        statement[sigIndex].value = .bytes(signature)
        entries[index].value = .map(statement)
        object = .map(entries)
        let response = RegistrationResponse(
            clientDataJSON: vector.bytes("clientDataJSON"), attestationObject: object.encoded())
        #expect { try party.verifyRegistration(response, challenge: vector.bytes("challenge")) } throws: {
            ($0 as? WebAuthnError)?.kind == .badSignature
        }
    }

    struct Certificate: CustomTestStringConvertible, Sendable {
        var name: String
        var certificate: AttestationCertificate
        var valid: Bool
        var testDescription: String { name }
    }

    static let good = AttestationCertificate(
        version: 2, publicKey: nil, country: "TW", organization: "Maker",
        organizationalUnit: "Authenticator Attestation",
        commonName: "Maker Key", isCertificateAuthority: false, aaguid: Array(repeating: 0xab, count: 16))

    static func changed(_ change: (inout AttestationCertificate) -> Void) -> AttestationCertificate {
        var certificate = good
        change(&certificate)
        return certificate
    }

    static let certificates: [Certificate] = [
        Certificate(name: "meets §8.2.1", certificate: good, valid: true),
        Certificate(name: "no AAGUID extension", certificate: changed { $0.aaguid = nil }, valid: true),
        Certificate(name: "v1", certificate: changed { $0.version = 0 }, valid: false),
        Certificate(name: "three-letter country", certificate: changed { $0.country = "TWN" }, valid: false),
        Certificate(name: "wrong OU", certificate: changed { $0.organizationalUnit = "Sales" }, valid: false),
        Certificate(name: "no CN", certificate: changed { $0.commonName = nil }, valid: false),
        Certificate(name: "a CA", certificate: changed { $0.isCertificateAuthority = true }, valid: false),
        Certificate(
            name: "AAGUID differs", certificate: changed { $0.aaguid = Array(repeating: 1, count: 16) }, valid: false),
    ]

    @Test(arguments: certificates)
    func attestationCertificateRequirements(_ example: Certificate) {
        let aaguid = [UInt8](repeating: 0xab, count: 16)
        if example.valid {
            #expect(throws: Never.self) { try RelyingParty.checkRequirements(example.certificate, aaguid: aaguid) }
        } else {
            #expect { try RelyingParty.checkRequirements(example.certificate, aaguid: aaguid) } throws: {
                ($0 as? WebAuthnError)?.kind == .invalidAttestation
            }
        }
    }
}
