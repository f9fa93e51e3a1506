import AppCore
import NIOCore
import PostgresKit

/// PostgreSQL's SQLSTATE codes, and connection failures, as port errors.
enum PostgresErrors {
    static func translate(_ error: any Error, _ context: String) -> StoreError? {
        if let error = error as? PSQLError {
            guard let info = error.serverInfo, let state = info[.sqlState] else {
                // No server answer: the connection failed; say how, from the underlying error (never the URL).
                let cause = error.underlying.map { " (\($0))" } ?? ""
                return StoreError(.unavailable, "\(context): \(error.code)\(cause)")
            }
            let detail = "\(context): \(info[.message] ?? state) [\(state)]"
            switch state {
            case "23505": return StoreError(.conflict, detail)
            case "23503": return StoreError(.invalidReference, detail)
            case "23514", "23502", "23001", "22001", "22003", "22P02": return StoreError(.rejected, detail)
            case "42P01", "42703", "42883": return StoreError(.schema, detail)
            default:
                // Class 08 connection, 40 serialization/deadlock, 53 resources, 57 operator intervention.
                return StoreError(.unavailable, detail)
            }
        }
        if error is ConnectionPoolError || error is ConnectionPoolTimeoutError || error is ChannelError
            || error is IOError
        {
            return StoreError(.unavailable, "\(context): \(error)")
        }
        return nil
    }
}
