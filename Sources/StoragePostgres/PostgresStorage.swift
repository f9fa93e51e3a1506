import AppCore
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import Storage

/// A PostgreSQL database opened for the stores: a connection pool from a `postgres://` URL, migrated on open.
/// Not `Sendable`: async-kit's pool is not; share `backend`, which is.
public struct PostgresStorage {
    public let backend: Backend
    private let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>

    /// Connects with `url` (`postgres://user:password@host:port/database`, `?sslmode=disable` for loopback) and
    /// applies the migrations unless told not to.
    public static func open(
        url: String,
        connectionsPerEventLoop: Int = 4,
        migrate: Bool = true,
        logger: Logger = Logger(label: "openvans.storage.postgres")
    ) async throws(StoreError) -> PostgresStorage {
        let configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            // The URL may hold a password: name the problem, never the text.
            throw StoreError(.unavailable, "the PostgreSQL URL could not be read (\(type(of: error)))")
        }
        let pool = EventLoopGroupConnectionPool(
            source: PostgresConnectionSource(sqlConfiguration: configuration),
            maxConnectionsPerEventLoop: max(connectionsPerEventLoop, 1), logger: logger,
            on: MultiThreadedEventLoopGroup.singleton
        )
        let storage = PostgresStorage(
            backend: Backend(
                database: pool.database(logger: logger).sql(queryLogLevel: nil), engine: .postgres,
                translate: PostgresErrors.translate
            ),
            pool: pool
        )
        do {
            if migrate { try await Migrator(backend: storage.backend).migrate() }
        } catch {
            await storage.close()
            throw error
        }
        return storage
    }

    public func close() async {
        try? await pool.shutdownAsync()
    }
}
