import Governance
import VulnModel

/// Users, their passkeys, one-time invitations and challenges, and sessions. Secrets (invitation and session
/// tokens) are made by the store and only their hashes kept, as with API keys.
public protocol IdentityStore: Sendable {
    func createInvitation(
        name: String, assignment: RoleAssignment, createdBy: String, validFor: Duration, now: Timestamp
    ) async throws(StoreError) -> IssuedInvitation

    /// The invitation whose token this is, if unused and unexpired; otherwise `unauthorized`.
    func invitation(token: String, now: Timestamp) async throws(StoreError) -> Invitation

    func saveChallenge(_ challenge: Challenge, now: Timestamp) async throws(StoreError)

    /// Removes and returns the challenge: it is valid once. `notFound` when unknown, expired or of another purpose.
    func consumeChallenge(_ value: String, purpose: Challenge.Purpose, now: Timestamp) async throws(StoreError)
        -> Challenge

    /// In one transaction: marks the invitation used (`rejected` if it already was or has expired), creates the user
    /// `passkey.user` with the invitation's name and role, and registers the passkey.
    func redeem(_ invitation: Invitation.ID, passkey: Passkey, now: Timestamp) async throws(StoreError) -> User

    func user(_ id: User.ID) async throws(StoreError) -> User
    func users() async throws(StoreError) -> [User]
    /// Revokes the user, every passkey and every open session of theirs.
    func revokeUser(_ id: User.ID, now: Timestamp) async throws(StoreError)

    /// A passkey that is not revoked, of a user who is not revoked; otherwise `notFound`.
    func activePasskey(_ id: Passkey.ID) async throws(StoreError) -> Passkey
    func passkeys(of user: User.ID) async throws(StoreError) -> [Passkey]
    /// Stores a counter that only grows; `rejected` if `signCount` is not above the stored one (unless both are 0).
    func recordUse(of passkey: Passkey.ID, signCount: UInt32, now: Timestamp) async throws(StoreError)
    /// Revokes the passkey and every session it opened.
    func revokePasskey(_ id: Passkey.ID, now: Timestamp) async throws(StoreError)

    func openSession(
        user: User.ID, passkey: Passkey.ID, userVerified: Bool, validFor: Duration, now: Timestamp
    ) async throws(StoreError) -> OpenedSession

    /// The session whose token this is, with its user, when the session, its passkey and its user are all live;
    /// otherwise `unauthorized`. Checked on every request, so revocation holds from the next one.
    func resolveSession(token: String, now: Timestamp) async throws(StoreError) -> (Session, User)

    func revokeSession(_ id: Session.ID, now: Timestamp) async throws(StoreError)
}
