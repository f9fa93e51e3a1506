import AppCore
import ArgumentParser
import Foundation
import StoragePostgres
import StorageSQLite
import VulnModel

/// `--database FILE` / `--postgres URL` for the commands that work on the stored state (as `vans serve` does).
struct StorageOptions: ParsableArguments {
    @Option(help: "The SQLite file (default vans.sqlite, or VANS_DATABASE).") var database: String?
    @Option(help: "A postgres:// URL (or VANS_POSTGRES_URL); used instead of SQLite.") var postgres: String?

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
