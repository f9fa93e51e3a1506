import AppCore
import Governance
import SQLKit
import VulnModel

/// `FindingStore` over SQL: one upsert per host × CVE, keyed by (agency, host, CVE).
public struct SQLFindingStore: FindingStore {
    let backend: Backend
    static let batchSize = 500

    public init(backend: Backend) { self.backend = backend }

    public func record(_ observations: [FindingObservation], agency: Agency.ID, upload: Upload.ID)
        async throws(StoreError)
    {
        try await backend.storeTransaction("recording findings of upload \(upload)") { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT month FROM uploads
                    WHERE id = \(bind: upload.rawValue) AND agency_oid = \(bind: agency.rawValue)
                    """
                ).first()
            else { throw StoreError(.notFound, "upload \(upload) of \(agency)") }
            let month = try row.string("month")
            var start = observations.startIndex
            while start < observations.endIndex {
                let end = min(start + Self.batchSize, observations.endIndex)
                try await db.raw(Self.upsert(observations[start..<end], agency: agency, upload: upload, month: month))
                    .run()
                start = end
            }
        }
    }

    // The newest month's facts win, and sightings only ever widen: an older upload processed late can move
    // first-seen earlier but never last-seen backwards.
    private static func upsert(
        _ batch: ArraySlice<FindingObservation>, agency: Agency.ID, upload: Upload.ID, month: String
    ) -> SQLQueryString {
        var query: SQLQueryString = """
            INSERT INTO findings (agency_oid, host, cve, cpe, status, high_risk, known_exploited,
                first_upload_id, first_month, last_upload_id, last_month) VALUES
            """
        for (offset, item) in batch.enumerated() {
            if offset > 0 { query += "," }
            query += """
                 (\(bind: agency.rawValue), \(bind: item.host.rawValue), \(bind: item.cve.description),
                 \(bind: item.cpe), \(bind: item.status.rawValue), \(bind: item.highRisk), \(bind: item.knownExploited),
                 \(bind: upload.rawValue), \(bind: month), \(bind: upload.rawValue), \(bind: month))
                """
        }
        let newer = "excluded.last_month >= findings.last_month"
        let older = "excluded.first_month < findings.first_month"
        query += """

            ON CONFLICT (agency_oid, host, cve) DO UPDATE SET
                cpe = CASE WHEN \(unsafeRaw: newer) THEN excluded.cpe ELSE findings.cpe END,
                status = CASE WHEN \(unsafeRaw: newer) THEN excluded.status ELSE findings.status END,
                high_risk = CASE WHEN \(unsafeRaw: newer) THEN excluded.high_risk ELSE findings.high_risk END,
                known_exploited = CASE WHEN \(unsafeRaw: newer) THEN excluded.known_exploited
                    ELSE findings.known_exploited END,
                last_upload_id = CASE WHEN \(unsafeRaw: newer) THEN excluded.last_upload_id
                    ELSE findings.last_upload_id END,
                last_month = CASE WHEN \(unsafeRaw: newer) THEN excluded.last_month ELSE findings.last_month END,
                first_upload_id = CASE WHEN \(unsafeRaw: older) THEN excluded.first_upload_id
                    ELSE findings.first_upload_id END,
                first_month = CASE WHEN \(unsafeRaw: older) THEN excluded.first_month ELSE findings.first_month END
            """
        return query
    }

    public func findings(agency: Agency.ID, host: HostID?) async throws(StoreError) -> [StoredFinding] {
        try await backend.run("reading findings of \(agency)") {
            var query: SQLQueryString = """
                SELECT agency_oid, host, cve, cpe, status, high_risk, known_exploited, first_upload_id, first_month,
                    last_upload_id, last_month
                FROM findings WHERE agency_oid = \(bind: agency.rawValue)
                """
            if let host { query += " AND host = \(bind: host.rawValue)" }
            query += " ORDER BY host, cve"
            return try await backend.database.raw(query).all().map(Self.finding)
        }
    }

    static func finding(_ row: any SQLRow) throws -> StoredFinding {
        let cveText = try row.string("cve")
        guard let cve = CVEID(cveText) else { throw StoreError(.corrupt, "cve: not a CVE id: \(cveText)") }
        return StoredFinding(
            agency: try row.agency("agency_oid"),
            observation: FindingObservation(
                host: HostID(try row.string("host")), cve: cve, cpe: try row.string("cpe"),
                status: try row.enumeration("status", as: FindingStatus.self), highRisk: try row.bool("high_risk"),
                knownExploited: try row.bool("known_exploited")
            ),
            firstSeen: StoredFinding.Sighting(
                upload: Upload.ID(try row.string("first_upload_id")), month: try row.month("first_month")
            ),
            lastSeen: StoredFinding.Sighting(
                upload: Upload.ID(try row.string("last_upload_id")), month: try row.month("last_month")
            )
        )
    }
}
