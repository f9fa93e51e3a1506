import AppCore
import ArgumentParser
import Foundation
import Storage
import StoragePostgres
import StorageSQLite
import VulnModel

/// `--database FILE` / `--postgres URL` for the commands that work on the stored state (as `vans serve` does).
struct StorageOptions: ParsableArguments {
    @Option(help: "The SQLite file (default vans.sqlite, or VANS_DATABASE).") var database: String?
    @Option(help: "A postgres:// URL (or VANS_POSTGRES_URL); used instead of SQLite.") var postgres: String?

    /// Opens and migrates the storage the flags and environment name.
    func open() async throws -> OpenedStorage {
        let environment = ProcessInfo.processInfo.environment
        do {
            if let url = postgres ?? environment["VANS_POSTGRES_URL"] {
                return .postgres(try await PostgresStorage.open(url: url))
            }
            let path = database ?? environment["VANS_DATABASE"] ?? "vans.sqlite"
            return .sqlite(try await SQLiteStorage.open(path: path))
        } catch {
            throw CommandFailure(message: "storage: \(error)")
        }
    }

    /// Opens the storage, runs `body` on it, and closes it whatever happens.
    func withBackend<T>(_ body: (Backend) async throws -> T) async throws -> T {
        let storage = try await open()
        do {
            let value = try await body(storage.backend)
            await storage.close()
            return value
        } catch {
            await storage.close()
            throw error
        }
    }

    static func now() -> Timestamp { SystemClock().now() }

    /// Who ran the command, for the audit log.
    static var actor: String { "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown") }
}

/// The system clock, as the reminder job's "now".
struct SystemClock: WallClock {
    func now() -> Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

/// A fixed "now" (`--now`), for replaying a day.
struct FixedClock: WallClock {
    let instant: Timestamp
    func now() -> Timestamp { instant }
}
