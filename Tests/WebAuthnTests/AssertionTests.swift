import Signatures
import SoftwareAuthenticator
import Testing
import WebAuthn

@Suite struct AssertionTests {
    static let rpID = "vans.example.gov.tw"
    static let origin = "https://vans.example.gov.tw"
    static let party = RelyingParty(id: rpID, origins: [origin], crypto: SwiftCryptoWebAuthn())
    static let challenge: [UInt8] = Array(repeating: 7, count: 32)

    @Test func softwareAuthenticatorSignsIn() throws {
        var authenticator = SoftwareAuthenticator(rpID: Self.rpID, origin: Self.origin, signCount: 4)
        let response = authenticator.assert(challenge: Self.challenge)
        let verified = try Self.party.verifyAssertion(
            response, challenge: Self.challenge, credentialID: authenticator.credentialID,
            publicKey: authenticator.publicKey, storedSignCount: 4)
        #expect(verified.signCount == 5)
        #expect(verified.flags.contains(.userVerified))
    }

    @Test func authenticatorsThatNeverCountAreAccepted() throws {
        var authenticator = SoftwareAuthenticator(rpID: Self.rpID, origin: Self.origin)
        let response = authenticator.assert(challenge: Self.challenge, signCount: 0)
        let verified = try Self.party.verifyAssertion(
            response, challenge: Self.challenge, credentialID: authenticator.credentialID,
            publicKey: authenticator.publicKey, storedSignCount: 0)
        #expect(verified.signCount == 0)
    }

    struct Bent: CustomTestStringConvertible, Sendable {
        var name: String
        var kind: WebAuthnError.Kind
        var stored: UInt32 = 10
        var make: @Sendable (inout SoftwareAuthenticator) -> AssertionResponse
        var testDescription: String { name }
    }

    static let bent: [Bent] = [
        Bent(name: "wrong origin", kind: .wrongOrigin) {
            $0.assert(challenge: challenge, origin: "http://vans.example.gov.tw")
        },
        Bent(name: "wrong challenge", kind: .wrongChallenge) { $0.assert(challenge: Array(repeating: 8, count: 32)) },
        Bent(name: "registration type", kind: .wrongType) { $0.assert(challenge: challenge, type: "webauthn.create") },
        Bent(name: "wrong rpId", kind: .wrongRelyingParty) { $0.assert(challenge: challenge, rpID: "evil.example") },
        Bent(name: "UP missing", kind: .userNotPresent) { $0.assert(challenge: challenge, flags: [.userVerified]) },
        Bent(name: "UV missing", kind: .userNotVerified) { $0.assert(challenge: challenge, flags: [.userPresent]) },
        Bent(name: "tampered signature", kind: .badSignature) {
            $0.assert(challenge: challenge, tamperSignature: true)
        },
        Bent(name: "sign count equal", kind: .signCountRegression) { $0.assert(challenge: challenge, signCount: 10) },
        Bent(name: "sign count lower", kind: .signCountRegression) { $0.assert(challenge: challenge, signCount: 3) },
        Bent(name: "sign count zero after counting", kind: .signCountRegression) {
            $0.assert(challenge: challenge, signCount: 0)
        },
        Bent(name: "another credential's assertion", kind: .wrongCredential) { _ in
            var other = SoftwareAuthenticator(rpID: rpID, origin: origin)
            return other.assert(challenge: challenge, signCount: 11)
        },
    ]

    @Test(arguments: bent)
    func refuses(_ example: Bent) {
        var authenticator = SoftwareAuthenticator(rpID: Self.rpID, origin: Self.origin, signCount: example.stored)
        let response = example.make(&authenticator)
        #expect {
            try Self.party.verifyAssertion(
                response, challenge: Self.challenge, credentialID: authenticator.credentialID,
                publicKey: authenticator.publicKey, storedSignCount: example.stored)
        } throws: { error in
            (error as? WebAuthnError)?.kind == example.kind
        }
    }

    @Test func truncatedAuthenticatorDataNamesItsLength() {
        var authenticator = SoftwareAuthenticator(rpID: Self.rpID, origin: Self.origin)
        var response = authenticator.assert(challenge: Self.challenge)
        response.authenticatorData.removeLast(2)
        #expect {
            try Self.party.verifyAssertion(
                response, challenge: Self.challenge, credentialID: authenticator.credentialID,
                publicKey: authenticator.publicKey, storedSignCount: 0)
        } throws: { error in
            let error = error as? WebAuthnError
            return error?.kind == .malformed && error?.part == "authenticatorData" && error?.offset == 35
        }
    }

    // Published vector (duo-labs/py_webauthn): an EC2 assertion for rpId localhost, counter 77 → 78, UP without UV.
    @Test func publishedVectorVerifies() throws {
        let vector = try Vector("assertion-ec2-localhost.json")
        let party = RelyingParty(
            id: vector.text("rpId"), origins: [vector.text("origin")], requiresUserVerification: false,
            crypto: SwiftCryptoWebAuthn())
        let key = try ES256PublicKey(coseBytes: vector.bytes("credentialPublicKey"))
        let response = AssertionResponse(
            credentialID: [1], clientDataJSON: vector.bytes("clientDataJSON"),
            authenticatorData: vector.bytes("authenticatorData"), signature: vector.bytes("signature"))
        let stored = UInt32(vector.number("storedSignCount"))
        let verified = try party.verifyAssertion(
            response, challenge: vector.bytes("challenge"), credentialID: [1], publicKey: key, storedSignCount: stored)
        #expect(verified.signCount == 78)
        #expect {
            try party.verifyAssertion(
                response, challenge: vector.bytes("challenge"), credentialID: [1], publicKey: key, storedSignCount: 78)
        } throws: { ($0 as? WebAuthnError)?.kind == .signCountRegression }
    }
}
