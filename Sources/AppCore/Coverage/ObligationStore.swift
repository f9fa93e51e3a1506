import Governance
import VulnModel

/// Generated obligations (R5) and the evidence recorded against them (R6).
public protocol ObligationStore: Sendable {
    /// The agency's current set (or every agency's); with `history`, superseded sets too.
    func obligations(agency: Agency.ID?, history: Bool) async throws(StoreError) -> [StoredObligation]

    /// Makes `items` the agency's current set in one transaction: items already current stay as they are (their
    /// due date and applicability refreshed), other current items are superseded on `day`, new ones inserted.
    /// Returns how many were inserted and superseded.
    func replaceCurrent(agency: Agency.ID, with items: [StoredObligation], on day: Day) async throws(StoreError)
        -> (inserted: Int, superseded: Int)

    /// Appends a piece of evidence for the agency's item `evidence.code`.
    func record(_ evidence: ObligationEvidence, agency: Agency.ID, now: Timestamp) async throws(StoreError)

    /// The agency's evidence (or every agency's), oldest first.
    func evidence(agency: Agency.ID?) async throws(StoreError) -> [Agency.ID: [ObligationEvidence]]
}
