import Governance
import VulnModel

/// Findings per agency, host and CVE, kept across uploads.
public protocol FindingStore: Sendable {
    /// Upserts the observations of one upload in one transaction: a new host × CVE is first seen in this upload; a
    /// known one has its last sighting moved to this upload's month unless a later month was already recorded
    /// (uploads processed out of order never move sightings backwards).
    func record(_ observations: [FindingObservation], agency: Agency.ID, upload: Upload.ID) async throws(StoreError)

    /// The agency's findings, by host then CVE; only those of `host` when given.
    func findings(agency: Agency.ID, host: HostID?) async throws(StoreError) -> [StoredFinding]

    /// Per agency of `latest` (its latest completed month): what the supervisor's list shows, counted by the store
    /// over `months`. Agencies without findings are absent.
    func figures(latest: [Agency.ID: ReportingMonth], months: [ReportingMonth]) async throws(StoreError)
        -> [Agency.ID: FindingFigures]
}
