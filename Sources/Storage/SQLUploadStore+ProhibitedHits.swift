import AppCore
import Governance
import SQLKit

/// The catalogue entries each snapshot row hit (R26), kept beside the rows in `snapshot_prohibited_hits` so removal
/// tasks (R28) can be followed from stored snapshots.
extension SQLUploadStore {
    /// Writes the hits of `rows` (already inserted) inside the snapshot's transaction.
    static func writeHits(of rows: ArraySlice<SnapshotRow>, snapshot: String, db: any SQLDatabase) async throws {
        let pairs = rows.flatMap { row in row.prohibited.map { (row.row, $0.rawValue) } }
        var start = pairs.startIndex
        while start < pairs.endIndex {
            let end = min(start + batchSize, pairs.endIndex)
            var query: SQLQueryString =
                "INSERT INTO snapshot_prohibited_hits (snapshot_id, row_number, entry_id) VALUES"
            for (offset, (row, entry)) in pairs[start..<end].enumerated() {
                if offset > 0 { query += "," }
                query += " (\(bind: snapshot), \(bind: Int64(row)), \(bind: entry))"
            }
            try await db.raw(query).run()
            start = end
        }
    }

    /// `rows` (a page of one snapshot, in row order) with their hits filled in.
    static func attachingHits(to rows: [SnapshotRow], snapshot: String, db: any SQLDatabase) async throws
        -> [SnapshotRow]
    {
        guard let first = rows.first, let last = rows.last else { return rows }
        let found = try await db.raw(
            """
            SELECT row_number, entry_id FROM snapshot_prohibited_hits
            WHERE snapshot_id = \(bind: snapshot) AND row_number BETWEEN \(bind: Int64(first.row))
                AND \(bind: Int64(last.row))
            ORDER BY row_number, entry_id
            """
        ).all()
        guard !found.isEmpty else { return rows }
        var hits: [Int: [ProhibitedEntryID]] = [:]
        for row in found {
            hits[try row.int("row_number"), default: []].append(ProhibitedEntryID(try row.string("entry_id")))
        }
        return rows.map { row in
            var row = row
            row.prohibited = hits[row.row] ?? []
            return row
        }
    }
}
