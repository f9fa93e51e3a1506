import Governance
import VulnModel

/// Several observers told in turn (remediation, then removal tasks), so the worker keeps a single hook. Each must
/// be idempotent per upload: if a later one throws, the job is retried and the earlier ones are told again.
public struct FindingsObservers: FindingsRecordedObserver {
    public var observers: [any FindingsRecordedObserver]

    public init(_ observers: [any FindingsRecordedObserver]) { self.observers = observers }

    public func findingsRecorded(
        agency: Agency.ID, upload: Upload.ID, month: ReportingMonth, observations: [FindingObservation],
        hosts: Set<HostID>, now: Timestamp
    ) async throws {
        for observer in observers {
            try await observer.findingsRecorded(
                agency: agency, upload: upload, month: month, observations: observations, hosts: hosts, now: now)
        }
    }
}
