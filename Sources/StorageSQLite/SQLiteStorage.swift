import AppCore
// async-kit predates Sendable checking; its pool is thread-safe (it is what sqlite-kit and postgres-kit use).
@preconcurrency import AsyncKit
import Logging
import NIOCore
import NIOPosix
import SQLiteKit
import Storage

/// An SQLite file opened for the stores: WAL journal, foreign keys on, a busy timeout, and a small pool of
/// connections. Each connection gets a thread of its own, so a connection waiting for the write lock never
/// occupies the thread the lock holder needs to finish.
/// Not `Sendable`: async-kit's pool is not; share `backend`, which is.
public struct SQLiteStorage {
    public let backend: Backend
    private let pool: EventLoopGroupConnectionPool<PragmaConnectionSource>
    private let threads: NIOThreadPool

    /// Opens (creating when absent) the database at `path` and, unless told not to, applies the migrations.
    public static func open(
        path: String,
        connections: Int = 4,
        busyTimeout: Duration = .seconds(60),
        migrate: Bool = true,
        logger: Logger = Logger(label: "openvans.storage.sqlite")
    ) async throws(StoreError) -> SQLiteStorage {
        let threads = NIOThreadPool(numberOfThreads: max(connections, 1))
        threads.start()
        let source = PragmaConnectionSource(path: path, threads: threads, busyTimeout: busyTimeout)
        let pool = EventLoopGroupConnectionPool(
            source: source, maxConnectionsPerEventLoop: max(connections, 1), logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.next()
        )
        let database = PooledSQLiteDatabase(pool: pool, logger: logger).sql(queryLogLevel: nil)
        let storage = SQLiteStorage(
            backend: Backend(database: database, engine: .sqlite, translate: SQLiteErrors.translate),
            pool: pool, threads: threads
        )
        do {
            if migrate { try await Migrator(backend: storage.backend).migrate() }
        } catch {
            await storage.close()
            throw error
        }
        return storage
    }

    /// Closes every connection and stops the threads; the stores must not be used afterwards.
    public func close() async {
        try? await pool.shutdownAsync()
        try? await threads.shutdownGracefully()
    }
}

/// Opens connections with the pragmas every connection needs (they are per connection in SQLite).
struct PragmaConnectionSource: ConnectionPoolSource {
    let path: String
    let threads: NIOThreadPool
    let busyTimeout: Duration

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        let milliseconds = busyTimeout.components.seconds * 1000
        return SQLiteConnection.open(storage: .file(path: path), threadPool: threads, logger: logger, on: eventLoop)
            .flatMap { connection in
                // busy_timeout replaces SQLiteNIO's spin-forever busy handler with one that sleeps and gives up.
                connection.query("PRAGMA busy_timeout = \(milliseconds)")
                    .flatMap { _ in connection.query("PRAGMA journal_mode = WAL") }
                    .flatMap { _ in connection.query("PRAGMA foreign_keys = ON") }
                    // FULL: a committed audit entry or snapshot must survive a power cut, not only a crash.
                    .flatMap { _ in connection.query("PRAGMA synchronous = FULL") }
                    .map { _ in connection }
                    .flatMapError { error in connection.close().flatMapThrowing { throw error } }
            }
    }
}

/// The pool seen as one `SQLiteDatabase`: each query borrows a connection; `withSession` keeps one.
struct PooledSQLiteDatabase: SQLiteDatabase {
    let pool: EventLoopGroupConnectionPool<PragmaConnectionSource>
    let logger: Logger

    var eventLoop: any EventLoop { pool.eventLoopGroup.any() }

    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) -> EventLoopFuture<T>)
        -> EventLoopFuture<T>
    {
        pool.withConnection(logger: logger) { closure($0) }
    }

    func query(
        _ query: String, _ binds: [SQLiteData], logger: Logger, _ onRow: @escaping @Sendable (SQLiteRow) -> Void
    ) -> EventLoopFuture<Void> {
        withConnection { $0.query(query, binds, logger: logger, onRow) }
    }
}
