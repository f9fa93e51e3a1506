import AppCore
import SQLKit

/// What the SQL stores run on: a database (a pool, a single connection) and the engine's few differences. The
/// SQLite and PostgreSQL adapters build one; everything above it is shared SQL.
public struct Backend: Sendable {
    public enum Engine: String, Sendable {
        case sqlite
        case postgres

        /// SQLite takes the write lock at BEGIN IMMEDIATE, so two writers never deadlock upgrading a read lock;
        /// PostgreSQL locks rows as statements touch them.
        var begin: String { self == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN" }

        /// Claims skip rows another transaction has locked on PostgreSQL; SQLite's write lock already serialises
        /// claimers, so it needs no row locking.
        var claimLocking: String { self == .postgres ? " FOR UPDATE SKIP LOCKED" : "" }

        var serialPrimaryKey: String {
            self == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        }
    }

    public let database: any SQLDatabase
    public let engine: Engine
    /// Reads the driver's error (constraint kind, busy, connection lost) into a port error; `context` says what was
    /// being done. Nil for errors that are not the driver's, which then pass through as they are.
    public let translate: @Sendable (_ error: any Error, _ context: String) -> StoreError?

    public init(
        database: any SQLDatabase,
        engine: Engine,
        translate: @escaping @Sendable (_ error: any Error, _ context: String) -> StoreError?
    ) {
        self.database = database
        self.engine = engine
        self.translate = translate
    }
}

extension Backend {
    /// Runs `body` and turns whatever the driver throws into a `StoreError`.
    func run<T: Sendable>(_ context: String, _ body: () async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body()
        } catch {
            throw storeError(error, context)
        }
    }

    func storeError(_ error: any Error, _ context: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let translated = translate(error, context) { return translated }
        if error is CancellationError { return StoreError(.unavailable, "\(context): cancelled") }
        return StoreError(.unavailable, "\(context): \(error)")
    }

    /// Runs `body` in one transaction on one connection: committed if it returns, rolled back if it throws.
    /// Driver errors become `StoreError`s; errors that are not the driver's (a caller's closure) pass through.
    func transaction<T: Sendable>(
        _ context: String,
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let begin = engine.begin
        do {
            return try await database.withSession { session in
                try await session.raw(SQLQueryString(begin)).run()
                do {
                    let value = try await body(session)
                    try await session.raw("COMMIT").run()
                    return value
                } catch {
                    // A failed COMMIT (a deferred foreign key) leaves SQLite's transaction open; close it anyway.
                    try? await session.raw("ROLLBACK").run()
                    throw error
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw translate(error, context) ?? error
        }
    }

    /// A transaction whose every error is a `StoreError`.
    func storeTransaction<T: Sendable>(
        _ context: String,
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws(StoreError) -> T {
        try await run(context) { try await transaction(context, body) }
    }
}

extension Array {
    /// The values in statements' worth: at most 500 per `IN (…)` list or multi-row insert, well under SQLite's and
    /// PostgreSQL's limits on bound parameters.
    var statementBatches: [[Element]] {
        stride(from: 0, to: count, by: 500).map { Array(self[$0..<Swift.min($0 + 500, count)]) }
    }
}
