import AppCore
import SQLKit
import VulnModel

/// `FeedSourceStore` over SQL: one row per source, replaced whole on every save.
public struct SQLFeedSourceStore: FeedSourceStore {
    let backend: Backend

    public init(backend: Backend) { self.backend = backend }

    public func states() async throws(StoreError) -> [FeedSourceState] {
        try await backend.run("reading feed sources") {
            try await backend.database.raw(
                """
                SELECT source, last_success_at, last_attempt_at, last_error, record_count, document_count, digest,
                    synced_through, sync_cursor
                FROM feed_sources
                """
            ).all().map { row in
                FeedSourceState(
                    source: try row.enumeration("source", as: FeedSource.self),
                    lastSuccess: try row.optionalTimestamp("last_success_at"),
                    lastAttempt: try row.optionalTimestamp("last_attempt_at"),
                    lastError: try row.optionalString("last_error"),
                    records: try row.int("record_count"),
                    documents: try row.int("document_count"),
                    digest: try row.optionalString("digest"),
                    syncedThrough: try row.optionalTimestamp("synced_through"),
                    cursor: try row.optionalString("sync_cursor")
                )
            }.sorted { $0.source < $1.source }
        }
    }

    public func save(_ state: FeedSourceState) async throws(StoreError) {
        try await backend.run("saving the \(state.source) feed source") {
            try await backend.database.raw(
                """
                INSERT INTO feed_sources (source, last_success_at, last_attempt_at, last_error, record_count,
                    document_count, digest, synced_through, sync_cursor)
                VALUES (\(bind: state.source.rawValue), \(bind: state.lastSuccess?.storageValue),
                    \(bind: state.lastAttempt?.storageValue), \(bind: state.lastError), \(bind: Int64(state.records)),
                    \(bind: Int64(state.documents)), \(bind: state.digest), \(bind: state.syncedThrough?.storageValue),
                    \(bind: state.cursor))
                ON CONFLICT (source) DO UPDATE SET
                    last_success_at = excluded.last_success_at, last_attempt_at = excluded.last_attempt_at,
                    last_error = excluded.last_error, record_count = excluded.record_count,
                    document_count = excluded.document_count, digest = excluded.digest,
                    synced_through = excluded.synced_through, sync_cursor = excluded.sync_cursor
                """
            ).run()
        }
    }
}
