import Crypto
import SwiftASN1
import WebAuthn
import X509

/// WebAuthn's cryptography on swift-crypto (SHA-256, P-256 ECDSA) and swift-certificates (attestation certificates).
public struct SwiftCryptoWebAuthn: WebAuthnCrypto {
    /// id-fido-gen-ce-aaguid: the authenticator model an attestation certificate speaks for.
    static let aaguidExtension: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 45724, 1, 1, 4]

    public init() {}

    public func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    public func isValidSignature(_ signature: [UInt8], of message: [UInt8], by publicKey: ES256PublicKey) -> Bool {
        guard let key = try? P256.Signing.PublicKey(x963Representation: publicKey.uncompressed),
            let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature)
        else { return false }
        return key.isValidSignature(parsed, for: SHA256.hash(data: message))
    }

    public func attestationCertificate(der: [UInt8]) throws(WebAuthnError) -> AttestationCertificate {
        let certificate: Certificate
        do { certificate = try Certificate(derEncoded: der) } catch {
            throw WebAuthnError(.invalidAttestation, "the x5c leaf is not a DER X.509 certificate: \(error)")
        }
        var names: [ASN1ObjectIdentifier: String] = [:]
        for relative in certificate.subject {
            for attribute in relative where names[attribute.type] == nil {
                names[attribute.type] = String(attribute.value)
            }
        }
        let constraints: BasicConstraints?
        do { constraints = try certificate.extensions.basicConstraints } catch {
            throw WebAuthnError(.invalidAttestation, "unreadable basic constraints: \(error)")
        }
        var aaguid: [UInt8]?
        if let ext = certificate.extensions[oid: Self.aaguidExtension] {
            guard let octets = try? ASN1OctetString(derEncoded: ext.value), octets.bytes.count == 16 else {
                throw WebAuthnError(.invalidAttestation, "the AAGUID extension is not a 16-byte OCTET STRING")
            }
            aaguid = Array(octets.bytes)
        }
        var publicKey: ES256PublicKey?
        if let key = P256.Signing.PublicKey(certificate.publicKey) {
            let point = Array(key.x963Representation)
            publicKey = ES256PublicKey(x: Array(point[1..<33]), y: Array(point[33..<65]))
        }
        let isCA: Bool
        if case .isCertificateAuthority = constraints { isCA = true } else { isCA = false }
        return AttestationCertificate(
            version: certificate.version == .v3 ? 2 : 0, publicKey: publicKey,
            country: names[.RDNAttributeType.countryName], organization: names[.RDNAttributeType.organizationName],
            organizationalUnit: names[.RDNAttributeType.organizationalUnitName],
            commonName: names[.RDNAttributeType.commonName], isCertificateAuthority: isCA, aaguid: aaguid)
    }
}
