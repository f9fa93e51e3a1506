import AppCore
import SQLKit

/// One numbered schema change. Migrations are append-only: a released one is never edited, only followed by a
/// new one, and the migrator refuses a database whose history differs from this list.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    let statements: @Sendable (Backend.Engine) -> [String]

    init(_ version: Int, _ name: String, _ statements: @escaping @Sendable (Backend.Engine) -> [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}

/// Brings a database to the newest schema, each migration in its own transaction together with its row in
/// `schema_migrations`, so a crash leaves either the whole migration or none of it.
public struct Migrator: Sendable {
    public let backend: Backend
    public let migrations: [Migration]

    public init(backend: Backend, migrations: [Migration] = Schema.migrations) {
        self.backend = backend
        self.migrations = migrations
    }

    /// Applies the migrations not yet applied and returns their versions (empty when the schema was current).
    @discardableResult
    public func migrate() async throws(StoreError) -> [Int] {
        try await backend.run("creating schema_migrations") {
            try await backend.database.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
                )
                """
            ).run()
        }
        var applied: [Int] = []
        for migration in migrations where try await apply(migration) {
            applied.append(migration.version)
        }
        return applied
    }

    /// The versions and names recorded in the database.
    public func appliedMigrations() async throws(StoreError) -> [(version: Int, name: String)] {
        try await backend.run("reading schema_migrations") {
            try await backend.database.raw("SELECT version, name FROM schema_migrations ORDER BY version").all()
                .map { (try $0.int("version"), try $0.string("name")) }
        }
    }

    private func apply(_ migration: Migration) async throws(StoreError) -> Bool {
        let known = migrations
        let engine = backend.engine
        return try await backend.storeTransaction("migration \(migration.version) \(migration.name)") { db in
            if engine == .postgres {
                // Two servers starting at once: the second waits here and then finds the migration applied.
                try await db.raw("LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE").run()
            }
            let rows = try await db.raw("SELECT version, name FROM schema_migrations").all()
            var recorded: [Int: String] = [:]
            for row in rows { recorded[try row.int("version")] = try row.string("name") }
            if let newest = recorded.keys.max(), newest > (known.last?.version ?? 0) {
                throw StoreError(.schema, "the database has migration \(newest), newer than this build knows")
            }
            if let name = recorded[migration.version] {
                guard name == migration.name else {
                    throw StoreError(
                        .schema,
                        "migration \(migration.version) is \"\(name)\" in the database but \"\(migration.name)\" here"
                    )
                }
                return false
            }
            for statement in migration.statements(engine) {
                try await db.raw(SQLQueryString(statement)).run()
            }
            try await db.raw(
                """
                INSERT INTO schema_migrations (version, name)
                VALUES (\(bind: migration.version), \(bind: migration.name))
                """
            ).run()
            return true
        }
    }
}
