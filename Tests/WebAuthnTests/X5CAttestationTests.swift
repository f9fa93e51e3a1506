import Crypto
import Foundation
import Signatures
import SoftwareAuthenticator
import SwiftASN1
import Testing
import WebAuthn
import X509

/// Packed attestation with certificates made here by swift-certificates, so the adapter's certificate reading is
/// exercised on each rule of WebAuthn §8.2.1, not only on the one published vector.
@Suite struct X5CAttestationTests {
    static let aaguid = [UInt8](repeating: 0xab, count: 16)

    struct Made: CustomTestStringConvertible, Sendable {
        var name: String
        var unit: String = "Authenticator Attestation"
        var aaguid: [UInt8]? = X5CAttestationTests.aaguid
        var isCA = false
        var expected: WebAuthnError.Kind?
        var testDescription: String { name }
    }

    static let cases: [Made] = [
        Made(name: "meets §8.2.1"),
        Made(name: "no AAGUID extension", aaguid: nil),
        Made(name: "wrong OU", unit: "Sales", expected: .invalidAttestation),
        Made(name: "AAGUID differs", aaguid: [UInt8](repeating: 1, count: 16), expected: .invalidAttestation),
        Made(name: "a CA certificate", isCA: true, expected: .invalidAttestation),
    ]

    static func certificate(_ made: Made, key: P256.Signing.PrivateKey) throws -> [UInt8] {
        let name = try DistinguishedName {
            CountryName("TW")
            OrganizationName("OpenVANS test maker")
            OrganizationalUnitName(made.unit)
            CommonName("Test attestation")
        }
        var extensions = Certificate.Extensions()
        try extensions.append(
            Certificate.Extension(
                made.isCA ? BasicConstraints.isCertificateAuthority(maxPathLength: nil) : .notCertificateAuthority,
                critical: true))
        if let aaguid = made.aaguid {
            try extensions.append(
                Certificate.Extension(
                    oid: [1, 3, 6, 1, 4, 1, 45724, 1, 1, 4], critical: false, value: ArraySlice([0x04, 0x10] + aaguid)))
        }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: now,
            notValidAfter: now.addingTimeInterval(3600), issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions, issuerPrivateKey: .init(key))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    @Test(arguments: cases)
    func verifies(_ made: Made) throws {
        let attestationKey = P256.Signing.PrivateKey()
        let der = try Self.certificate(made, key: attestationKey)
        let authenticator = SoftwareAuthenticator(
            rpID: RegistrationTests.rpID, origin: RegistrationTests.origin, aaguid: Self.aaguid)
        let response = authenticator.register(
            challenge: RegistrationTests.challenge, format: .packedX5C(certificate: der, key: attestationKey))
        guard let expected = made.expected else {
            let credential = try RegistrationTests.party.verifyRegistration(
                response, challenge: RegistrationTests.challenge)
            #expect(credential.attestationType == .basic)
            #expect(credential.trustPath == [der])
            return
        }
        #expect {
            try RegistrationTests.party.verifyRegistration(response, challenge: RegistrationTests.challenge)
        } throws: { ($0 as? WebAuthnError)?.kind == expected }
    }

    @Test func aStatementSignedByAnotherKeyIsRefused() throws {
        let der = try Self.certificate(Made(name: "good"), key: P256.Signing.PrivateKey())
        let authenticator = SoftwareAuthenticator(
            rpID: RegistrationTests.rpID, origin: RegistrationTests.origin, aaguid: Self.aaguid)
        let response = authenticator.register(
            challenge: RegistrationTests.challenge,
            format: .packedX5C(certificate: der, key: P256.Signing.PrivateKey()))
        #expect {
            try RegistrationTests.party.verifyRegistration(response, challenge: RegistrationTests.challenge)
        } throws: { ($0 as? WebAuthnError)?.kind == .badSignature }
    }
}
