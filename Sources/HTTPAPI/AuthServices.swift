package import AppCore

/// The passkey use cases the auth endpoints run on; absent, those endpoints answer 404 and uploads keep to API keys.
package struct AuthServices: Sendable {
    package let enroller: Enroller
    package let issuer: SessionIssuer
    package let gate: AccessGate

    package init(enroller: Enroller, issuer: SessionIssuer, gate: AccessGate) {
        self.enroller = enroller
        self.issuer = issuer
        self.gate = gate
    }

    /// The session cookie: HttpOnly so scripts cannot read it, Secure, SameSite=Strict so no other site's page can
    /// send it, and no longer-lived than the session.
    package static let cookieName = "vans_session"

    package static func cookie(_ token: String, maxAge: Int) -> String {
        "\(cookieName)=\(token); Path=/; Max-Age=\(maxAge); HttpOnly; Secure; SameSite=Strict"
    }
}
