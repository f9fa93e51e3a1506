import AppCore
import HTTPAPI
import Signatures
import Storage
import VulnModel
import WebAuthn

/// Builds the passkey use cases on the SQL stores, with swift-crypto behind WebAuthn (ADR 0014).
enum AuthSetup {
    static func services(
        backend: Backend, relyingPartyID: String, origins: Set<String>, clock: @escaping @Sendable () -> Timestamp
    ) -> AuthServices {
        let identities = SQLIdentityStore(backend: backend)
        let audit = SQLAuditLog(backend: backend)
        let party = RelyingParty(id: relyingPartyID, origins: origins, crypto: SwiftCryptoWebAuthn())
        return AuthServices(
            enroller: Enroller(identities: identities, audit: audit, party: party, clock: clock),
            issuer: SessionIssuer(identities: identities, audit: audit, party: party, clock: clock),
            gate: AccessGate(
                identities: identities, agencies: SQLAgencyStore(backend: backend),
                log: SQLAuthorizationLog(backend: backend), clock: clock))
    }
}
