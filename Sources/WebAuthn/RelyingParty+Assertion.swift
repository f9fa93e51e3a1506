/// What a browser sends back from `navigator.credentials.get()`.
public struct AssertionResponse: Hashable, Sendable {
    public var credentialID: [UInt8]
    public var clientDataJSON: [UInt8]
    public var authenticatorData: [UInt8]
    public var signature: [UInt8]
    public var userHandle: [UInt8]?

    public init(
        credentialID: [UInt8], clientDataJSON: [UInt8], authenticatorData: [UInt8], signature: [UInt8],
        userHandle: [UInt8]? = nil
    ) {
        self.credentialID = credentialID
        self.clientDataJSON = clientDataJSON
        self.authenticatorData = authenticatorData
        self.signature = signature
        self.userHandle = userHandle
    }
}

/// A verified assertion: the counter to store and what the authenticator said about the user and backup.
public struct VerifiedAssertion: Hashable, Sendable {
    public var signCount: UInt32
    public var flags: AuthenticatorData.Flags
}

extension RelyingParty {
    /// Verifies an assertion (WebAuthn §7.2) against the stored credential: its id, key and last sign count.
    public func verifyAssertion(
        _ response: AssertionResponse, challenge: [UInt8], credentialID: [UInt8], publicKey: ES256PublicKey,
        storedSignCount: UInt32
    ) throws(WebAuthnError) -> VerifiedAssertion {
        guard response.credentialID == credentialID else {
            throw WebAuthnError(.wrongCredential, "the assertion names another credential")
        }
        let client = try ClientData(response.clientDataJSON)
        try client.check(.get, challenge: challenge, origins: origins)
        let data = try AuthenticatorData(response.authenticatorData)
        try check(data, part: "authenticatorData")
        let message = response.authenticatorData + crypto.sha256(response.clientDataJSON)
        guard crypto.isValidSignature(response.signature, of: message, by: publicKey) else {
            throw WebAuthnError(.badSignature, "the assertion signature does not verify", part: "signature")
        }
        // §6.1.1: a counter that does not grow, when either side has ever counted, means two authenticators hold the
        // same key. Authenticators that never count (0 and 0, most synced passkeys) are fine.
        if data.signCount != 0 || storedSignCount != 0, data.signCount <= storedSignCount {
            throw WebAuthnError(
                .signCountRegression,
                "sign count \(data.signCount) after \(storedSignCount): possibly a cloned authenticator",
                part: "authenticatorData", offset: 33)
        }
        return VerifiedAssertion(signCount: data.signCount, flags: data.flags)
    }
}
