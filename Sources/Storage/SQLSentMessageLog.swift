import AppCore
import SQLKit
import VulnModel

/// `SentMessageLog` over SQL (ADR 0011): one row per message key and channel. Each mark is its own committed
/// statement, so `markSending` is durable before the send starts (SQLite runs with `synchronous = FULL`).
public struct SQLSentMessageLog: SentMessageLog {
    let backend: Backend

    public init(backend: Backend) { self.backend = backend }

    public func sent(_ keys: [String], channel: String) async throws(StoreError) -> Set<String> {
        var found: Set<String> = []
        for slice in keys.statementBatches {
            let sent = try await backend.run("reading the sent-message log") {
                try await backend.database.raw(
                    """
                    SELECT message_key FROM sent_messages
                    WHERE channel = \(bind: channel) AND state = 'sent' AND message_key IN (\(binds: slice))
                    """
                ).all().map { try $0.string("message_key") }
            }
            found.formUnion(sent)
        }
        return found
    }

    public func markCovered(_ keys: [String], channel: String, recipient: String, at time: Timestamp)
        async throws(StoreError)
    {
        guard !keys.isEmpty else { return }
        try await backend.storeTransaction("marking \(keys.count) \(channel) messages sent with their digest") {
            database in
            for slice in keys.statementBatches {
                var values = SQLQueryString("")
                for (index, key) in slice.enumerated() {
                    if index > 0 { values += ", " }
                    values += """
                        (\(bind: key), \(bind: channel), \(bind: recipient), 'sent', 1, \(bind: time.storageValue),
                            \(bind: time.storageValue), \(bind: time.storageValue))
                        """
                }
                var statement: SQLQueryString = """
                    INSERT INTO sent_messages (message_key, channel, recipient, state, attempts, first_attempt_at,
                        updated_at, sent_at)
                    VALUES
                    """
                statement += " " + values
                statement += """
                     ON CONFLICT (message_key, channel) DO UPDATE SET state = 'sent',
                        attempts = sent_messages.attempts + 1, updated_at = excluded.updated_at,
                        sent_at = excluded.sent_at, last_error = NULL
                    """
                try await database.raw(statement).run()
            }
        }
    }

    public func markSending(_ key: String, channel: String, recipient: String, at time: Timestamp)
        async throws(StoreError)
    {
        try await backend.run("marking \(channel) \(key) sending") {
            try await backend.database.raw(
                """
                INSERT INTO sent_messages (message_key, channel, recipient, state, attempts, first_attempt_at,
                    updated_at)
                VALUES (\(bind: key), \(bind: channel), \(bind: recipient), 'sending', 1, \(bind: time.storageValue),
                    \(bind: time.storageValue))
                ON CONFLICT (message_key, channel) DO UPDATE SET state = 'sending',
                    attempts = sent_messages.attempts + 1, updated_at = excluded.updated_at, sent_at = NULL
                """
            ).run()
        }
    }

    public func markSent(_ key: String, channel: String, at time: Timestamp) async throws(StoreError) {
        try await mark(key, channel: channel, "marking \(channel) \(key) sent") {
            """
            UPDATE sent_messages SET state = 'sent', sent_at = \(bind: time.storageValue),
                updated_at = \(bind: time.storageValue), last_error = NULL
            WHERE message_key = \(bind: key) AND channel = \(bind: channel)
            RETURNING message_key
            """
        }
    }

    public func markFailed(_ key: String, channel: String, error: String, at time: Timestamp)
        async throws(StoreError)
    {
        try await mark(key, channel: channel, "marking \(channel) \(key) failed") {
            """
            UPDATE sent_messages SET state = 'failed', sent_at = NULL, updated_at = \(bind: time.storageValue),
                last_error = \(bind: error)
            WHERE message_key = \(bind: key) AND channel = \(bind: channel)
            RETURNING message_key
            """
        }
    }

    /// A mark for a message never marked `sending` is a caller's error: the log would otherwise claim a send it
    /// never saw begin.
    private func mark(_ key: String, channel: String, _ context: String, _ query: () -> SQLQueryString)
        async throws(StoreError)
    {
        let statement = query()
        let updated = try await backend.run(context) { try await backend.database.raw(statement).first() != nil }
        guard updated else { throw StoreError(.notFound, "\(context): the message was never marked sending") }
    }

    public func records() async throws(StoreError) -> [DeliveryRecord] {
        try await backend.run("reading the sent-message log") {
            try await backend.database.raw(
                """
                SELECT message_key, channel, recipient, state, attempts, updated_at, last_error FROM sent_messages
                ORDER BY message_key, channel
                """
            ).all().map { row in
                DeliveryRecord(
                    key: try row.string("message_key"), channel: try row.string("channel"),
                    recipient: try row.string("recipient"), state: try row.enumeration("state", as: DeliveryState.self),
                    attempts: try row.int("attempts"), updatedAt: try row.timestamp("updated_at"),
                    lastError: try row.optionalString("last_error"))
            }
        }
    }
}
