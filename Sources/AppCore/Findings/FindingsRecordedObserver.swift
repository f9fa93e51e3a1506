import Governance
import VulnModel

/// Told after the worker has recorded findings, so that remediation tracking can follow them (the contract of this
/// round: remediation conforms in AppCore). Called after `FindingStore.record` succeeded and before the job
/// completes; if it throws, the job is retried and the findings are recorded, and this called, again — so a
/// conformer must be idempotent per upload.
public protocol FindingsRecordedObserver: Sendable {
    /// `observations` are the findings matching produced for `upload` (one per host × CVE). `hosts` are the hosts
    /// the upload covers completely — a finding of such a host that is absent from `observations` was not seen in
    /// this upload. A re-match after a feed change covers only some products, so it passes no hosts.
    func findingsRecorded(
        agency: Agency.ID, upload: Upload.ID, month: ReportingMonth, observations: [FindingObservation],
        hosts: Set<HostID>, now: Timestamp
    ) async throws
}
