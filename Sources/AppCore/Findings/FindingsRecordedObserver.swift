import Governance
import VulnModel

/// Told after an upload's findings are recorded, so that what depends on them (remediation records, deadlines,
/// verification of fixes) follows in the same job. `hosts` are the hosts the upload lists, also those without a
/// finding: a host that is listed but no longer has a finding proves the fix (R21); a host left out proves nothing.
public protocol FindingsRecordedObserver: Sendable {
    func findingsRecorded(
        agency: Agency.ID, upload: Upload.ID, month: ReportingMonth, observations: [FindingObservation],
        hosts: Set<HostID>, now: Timestamp
    ) async throws
}
