import AppCore
import Governance
import SQLKit
import VulnModel

/// `RemediationFigures` over SQL: counts grouped per agency in the database; overdue ages and times to remediate
/// from (agency, day, count) groups, since day arithmetic differs between the engines.
public struct SQLRemediationFigures: RemediationFigures {
    let backend: Backend

    public init(backend: Backend) { self.backend = backend }

    public func figures(on today: Day, months: ClosedRange<ReportingMonth>) async throws(StoreError)
        -> [AgencyFigures]
    {
        try await backend.run("computing remediation figures") {
            let db = backend.database
            let day = today.description
            var figures: [Agency.ID: AgencyFigures] = [:]
            func update(_ row: any SQLRow, _ change: (inout AgencyFigures) throws -> Void) throws {
                let id = try row.agency("agency_oid")
                try change(&figures[id, default: AgencyFigures(agency: id)])
            }
            for row in try await db.raw(
                """
                SELECT agency_oid,
                    SUM(CASE WHEN state IN ('open', 'planned') THEN 1 ELSE 0 END) AS open_count,
                    SUM(CASE WHEN state IN ('open', 'planned') AND known_exploited THEN 1 ELSE 0 END) AS open_kev,
                    SUM(CASE WHEN reappeared THEN 1 ELSE 0 END) AS reappeared_count
                FROM remediation_records GROUP BY agency_oid
                """
            ).all() {
                try update(row) { item in
                    item.open = try row.int("open_count")
                    item.openKEV = try row.int("open_kev")
                    item.reappeared = try row.int("reappeared_count")
                }
            }
            for row in try await db.raw(
                """
                SELECT agency_oid, deadline, COUNT(*) AS n FROM remediation_records
                WHERE state IN ('open', 'planned') AND deadline < \(bind: day)
                GROUP BY agency_oid, deadline
                """
            ).all() {
                let count = try row.int("n")
                let age = today.daysSinceEpoch - (try row.day("deadline")).daysSinceEpoch
                try update(row) { item in
                    item.overdue += count
                    item.overdueDays += age * count
                    item.maxOverdueDays = max(item.maxOverdueDays, age)
                }
            }
            for row in try await db.raw(
                """
                SELECT agency_oid, first_seen, closed_on, COUNT(*) AS n FROM remediation_records
                WHERE state = 'remediated' GROUP BY agency_oid, first_seen, closed_on
                """
            ).all() {
                let count = try row.int("n")
                let days = (try row.day("closed_on")).daysSinceEpoch - (try row.day("first_seen")).daysSinceEpoch
                try update(row) { item in
                    item.remediated += count
                    item.remediationDays += days * count
                }
            }
            for row in try await db.raw(
                """
                SELECT agency_oid, month, COUNT(*) AS n FROM uploads
                WHERE status <> 'failed' AND month >= \(bind: months.lowerBound.gregorian)
                    AND month <= \(bind: months.upperBound.gregorian)
                GROUP BY agency_oid, month
                """
            ).all() {
                let month = try row.month("month")
                let count = try row.int("n")
                try update(row) { $0.uploads[month] = count }
            }
            return figures.values.sorted { $0.agency < $1.agency }
        }
    }
}
