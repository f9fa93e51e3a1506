import ArgumentParser
import Foundation
import Storage
import StoragePostgres
import StorageSQLite
import VulnModel

/// `--database` / `--postgres`, as `vans serve` takes them, for the administration commands.
struct StorageOptions: ParsableArguments {
    @Option(help: "The SQLite file (default vans.sqlite, or VANS_DATABASE).") var database: String?
    @Option(help: "A postgres:// URL (or VANS_POSTGRES_URL); used instead of SQLite.") var postgres: String?

    /// Opens and migrates the storage, runs `body` on it, and closes it whatever happens.
    func withBackend<T>(_ body: (Backend) async throws -> T) async throws -> T {
        let environment = ProcessInfo.processInfo.environment
        let storage: OpenedStorage
        do {
            if let url = postgres ?? environment["VANS_POSTGRES_URL"] {
                storage = .postgres(try await PostgresStorage.open(url: url))
            } else {
                storage = .sqlite(
                    try await SQLiteStorage.open(path: database ?? environment["VANS_DATABASE"] ?? "vans.sqlite"))
            }
        } catch {
            throw CommandFailure(message: "storage: \(error)")
        }
        do {
            let value = try await body(storage.backend)
            await storage.close()
            return value
        } catch {
            await storage.close()
            throw error
        }
    }

    static func now() -> Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }

    /// Who ran the command, for the audit log.
    static var actor: String { "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown") }
}
