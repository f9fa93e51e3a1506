import Governance
import VulnModel

/// The hosts VANS uploads name: for each agency and month, the hosts of its latest completed snapshot (R30).
public protocol UploadedHosts: Sendable {
    func uploadedHosts(from first: ReportingMonth, through last: ReportingMonth) async throws(StoreError)
        -> [HostRef: Set<ReportingMonth>]
}
