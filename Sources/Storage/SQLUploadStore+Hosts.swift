import AppCore
import Governance
import SQLKit
import VulnModel

extension SQLUploadStore: UploadedHosts {
    /// The hosts named by the latest committed snapshot of each agency and month in the range (a snapshot exists
    /// only for a completed upload).
    public func uploadedHosts(from first: ReportingMonth, through last: ReportingMonth) async throws(StoreError)
        -> [HostRef: Set<ReportingMonth>]
    {
        try await backend.run("reading uploaded hosts of \(first)–\(last)") {
            let rows = try await backend.database.raw(
                """
                SELECT DISTINCT s.agency_oid, s.month, r.host
                FROM snapshots s JOIN snapshot_rows r ON r.snapshot_id = s.id
                WHERE s.month >= \(bind: first.gregorian) AND s.month <= \(bind: last.gregorian)
                    AND r.host IS NOT NULL AND r.host <> ''
                    AND s.committed_at = (SELECT MAX(l.committed_at) FROM snapshots l
                        WHERE l.agency_oid = s.agency_oid AND l.month = s.month)
                """
            ).all()
            var hosts: [HostRef: Set<ReportingMonth>] = [:]
            for row in rows {
                let host = HostRef(agency: try row.agency("agency_oid"), host: HostID(try row.string("host")))
                hosts[host, default: []].insert(try row.month("month"))
            }
            return hosts
        }
    }
}
