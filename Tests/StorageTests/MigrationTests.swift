import AppCore
import SQLKit
import Testing

@testable import Storage

@Suite("Storage: migrations")
struct MigrationTests {
    @Test("migrating twice applies nothing the second time", arguments: Engine.allCases)
    func idempotent(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let migrator = Migrator(backend: backend)
            let applied = try await migrator.appliedMigrations()
            #expect(applied.map(\.version) == Schema.migrations.map(\.version))
            #expect(try await migrator.migrate() == [])
            #expect(try await migrator.migrate() == [])
            #expect(try await migrator.appliedMigrations().map(\.name) == Schema.migrations.map(\.name))
        }
    }

    @Test("versions are numbered 1, 2, 3… without gaps")
    func numbering() {
        #expect(Schema.migrations.map(\.version) == Array(1...Schema.migrations.count))
    }

    @Test("a database whose history differs from this build is refused", arguments: Engine.allCases)
    func diverged(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            try await backend.database.raw("UPDATE schema_migrations SET name = 'something else' WHERE version = 2")
                .run()
            let kind = await storeErrorKind { try await Migrator(backend: backend).migrate() }
            #expect(kind == .schema)
        }
    }

    @Test("a database newer than this build is refused", arguments: Engine.allCases)
    func newer(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let older = Migrator(backend: backend, migrations: Array(Schema.migrations.prefix(3)))
            let kind = await storeErrorKind { try await older.migrate() }
            #expect(kind == .schema)
        }
    }

    @Test("a failing migration leaves neither its tables nor its record", arguments: Engine.allCases)
    func atomic(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let broken = Migration((Schema.migrations.last?.version ?? 0) + 1, "broken") { _ in
                ["CREATE TABLE half_done (x BIGINT)", "THIS IS NOT SQL"]
            }
            let migrator = Migrator(backend: backend, migrations: Schema.migrations + [broken])
            #expect(await storeErrorKind { try await migrator.migrate() } != nil)
            let recorded = try await migrator.appliedMigrations().count
            #expect(recorded == Schema.migrations.count)
            // The table from the migration's first statement was rolled back with it.
            let probe = await storeErrorKind {
                try await backend.run("probing") { try await backend.database.raw("SELECT x FROM half_done").run() }
            }
            #expect(probe != nil)
        }
    }

    @Test("SQLite connections run in WAL mode with foreign keys on and a busy timeout")
    func sqlitePragmas() async throws {
        try await withDatabase(.sqlite) { backend in
            for _ in 0..<3 {  // more than one pooled connection
                let mode = try await backend.database.raw("PRAGMA journal_mode").first()
                #expect(try mode?.decode(column: "journal_mode", as: String.self) == "wal")
                let keys = try await backend.database.raw("PRAGMA foreign_keys").first()
                #expect(try keys?.decode(column: "foreign_keys", as: Int.self) == 1)
                let timeout = try await backend.database.raw("PRAGMA busy_timeout").first()
                #expect(try timeout?.decode(column: "timeout", as: Int.self) == 60_000)
            }
        }
    }
}
