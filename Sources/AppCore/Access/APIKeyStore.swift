import Governance
import VulnModel

/// Keys scoped to one agency each: issued, checked, rotated and revoked.
public protocol APIKeyStore: Sendable {
    func issue(agency: Agency.ID, label: String, validFor: Duration, now: Timestamp) async throws(StoreError)
        -> IssuedAPIKey

    /// The key whose secret this is, if it is neither expired nor revoked; otherwise `unauthorized`, with no hint
    /// of which of the three it was.
    func authenticate(secret: String, now: Timestamp) async throws(StoreError) -> APIKey

    /// Issues a successor for the same agency and lets the old key live on for `overlap` (at most until its own
    /// expiry), so clients can switch without an outage.
    func rotate(_ id: APIKey.ID, agency: Agency.ID, validFor: Duration, overlap: Duration, now: Timestamp)
        async throws(StoreError) -> IssuedAPIKey

    func revoke(_ id: APIKey.ID, agency: Agency.ID, now: Timestamp) async throws(StoreError)

    func keys(agency: Agency.ID) async throws(StoreError) -> [APIKey]
}
