import AppCore
import Foundation
import SQLKit
import Storage
import StoragePostgres
import StorageSQLite
import Testing

/// The engines every storage test runs on. SQLite always (a temporary file); PostgreSQL when
/// `VANS_TEST_POSTGRES_URL` names a server (`scripts/postgres-test.sh` starts one), each test in a database of
/// its own. Without the URL the PostgreSQL cases are skipped with a printed reason, unless
/// `VANS_REQUIRE_POSTGRES=1`, as in CI, where that is a failure.
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static let postgresURL = ProcessInfo.processInfo.environment["VANS_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }
    static let postgresRequired = ProcessInfo.processInfo.environment["VANS_REQUIRE_POSTGRES"] == "1"
}

struct PostgresUnavailable: Error, CustomStringConvertible {
    var description: String
}

/// Runs `body` against a fresh, migrated database of `engine`, and removes the database afterwards.
func withDatabase(
    _ engine: Engine, connections: Int = 4, _ body: (Backend) async throws -> Void
) async throws {
    try await withDatabase(engine, connections: connections) { backend, _ in try await body(backend) }
}

/// The same, also handing `body` where the database is (the SQLite file's path or the PostgreSQL URL), so
/// that another process can open it.
func withDatabase(
    _ engine: Engine, connections: Int = 4, _ body: (Backend, String) async throws -> Void
) async throws {
    switch engine {
    case .sqlite:
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-storage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vans.sqlite").path
        let storage = try await SQLiteStorage.open(path: path, connections: connections)
        do {
            try await body(storage.backend, path)
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    case .postgres:
        guard let url = Engine.postgresURL else {
            let reason = "PostgreSQL case skipped: VANS_TEST_POSTGRES_URL is not set (scripts/postgres-test.sh run …)"
            if Engine.postgresRequired {
                throw PostgresUnavailable(description: "VANS_REQUIRE_POSTGRES=1 but " + reason)
            }
            print(reason)
            return
        }
        let name = "vans_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        let admin = try await PostgresStorage.open(url: url, connectionsPerEventLoop: 1, migrate: false)
        let storage: PostgresStorage
        let location: String
        do {
            try await admin.backend.database.raw("CREATE DATABASE \(ident: name)").run()
            location = try databaseURL(url, name)
            storage = try await PostgresStorage.open(url: location, connectionsPerEventLoop: connections)
        } catch {
            // Every pool must be shut down before it is released, also when the server cannot be reached.
            await admin.close()
            throw PostgresUnavailable(description: "PostgreSQL at VANS_TEST_POSTGRES_URL: \(String(reflecting: error))")
        }
        var failure: (any Error)?
        do { try await body(storage.backend, location) } catch { failure = error }
        await storage.close()
        try? await admin.backend.database.raw("DROP DATABASE \(ident: name)").run()
        await admin.close()
        if let failure { throw failure }
    }
}

/// The same server URL naming another database.
private func databaseURL(_ url: String, _ database: String) throws -> String {
    guard var components = URLComponents(string: url) else {
        throw PostgresUnavailable(description: "VANS_TEST_POSTGRES_URL is not a URL")
    }
    components.path = "/" + database
    guard let text = components.string else { throw PostgresUnavailable(description: "cannot rebuild the URL") }
    return text
}

/// Opens an existing database of `engine` at `location`, runs `body` on it, and closes it.
func withOpened(_ engine: Engine, at location: String, _ body: (Backend) async throws -> Void) async throws {
    switch engine {
    case .sqlite:
        let storage = try await SQLiteStorage.open(path: location, connections: 2)
        do { try await body(storage.backend) } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    case .postgres:
        let storage = try await PostgresStorage.open(url: location, connectionsPerEventLoop: 1)
        do { try await body(storage.backend) } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    }
}
