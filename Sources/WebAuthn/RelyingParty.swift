/// This service as a WebAuthn relying party: its id, the origins its pages are served from, and whether user
/// verification (PIN or biometric) is required. It verifies registrations and assertions; storing credentials and
/// issuing challenges are the caller's.
public struct RelyingParty: Sendable {
    public var id: String
    public var origins: Set<String>
    public var requiresUserVerification: Bool
    public var crypto: any WebAuthnCrypto

    public init(id: String, origins: Set<String>, requiresUserVerification: Bool = true, crypto: any WebAuthnCrypto) {
        self.id = id
        self.origins = origins
        self.requiresUserVerification = requiresUserVerification
        self.crypto = crypto
    }

    /// The checks on authenticator data common to both ceremonies (WebAuthn §7.1 steps 13–16, §7.2 steps 15–18).
    func check(_ data: AuthenticatorData, part: String) throws(WebAuthnError) {
        guard ClientData.constantTimeEqual(data.rpIdHash, crypto.sha256(Array(id.utf8))) else {
            throw WebAuthnError(.wrongRelyingParty, "rpIdHash is not SHA-256 of \(id)", part: part, offset: 0)
        }
        guard data.flags.contains(.userPresent) else {
            throw WebAuthnError(.userNotPresent, "the UP flag is not set", part: part, offset: 32)
        }
        guard !requiresUserVerification || data.flags.contains(.userVerified) else {
            throw WebAuthnError(.userNotVerified, "the UV flag is not set", part: part, offset: 32)
        }
    }
}
