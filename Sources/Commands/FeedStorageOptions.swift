import AppCore
import ArgumentParser
import FeedFiles
import Foundation
import Storage
import StoragePostgres
import StorageSQLite
import VulnModel

/// Where `vans feeds import|sync|status` keep the knowledge base and the sources' state: the same database and
/// KB file as `vans serve`.
struct FeedStorageOptions: ParsableArguments {
    @Option(help: "The knowledge-base file the service loads (default vans-kb.vanskb beside the SQLite file).")
    var kb: String?

    @Option(help: "The SQLite file (created when absent; default vans.sqlite, or VANS_DATABASE).") var database: String?
    @Option(help: "A postgres:// URL (or VANS_POSTGRES_URL); used instead of SQLite.") var postgres: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var sqlitePath: String { database ?? environment["VANS_DATABASE"] ?? "vans.sqlite" }

    /// The KB file: `--kb`, else `vans-kb.vanskb` beside the SQLite file, or in the current folder on PostgreSQL.
    var knowledgeBaseFile: String {
        if let kb { return kb }
        if postgres ?? environment["VANS_POSTGRES_URL"] != nil { return "vans-kb.vanskb" }
        let folder = (sqlitePath as NSString).deletingLastPathComponent
        return folder.isEmpty ? "vans-kb.vanskb" : folder + "/vans-kb.vanskb"
    }

    func openStorage() async throws -> OpenedStorage {
        do {
            if let url = postgres ?? environment["VANS_POSTGRES_URL"] {
                return .postgres(try await PostgresStorage.open(url: url))
            }
            return .sqlite(try await SQLiteStorage.open(path: sqlitePath))
        } catch {
            throw CommandFailure(message: "storage: \(error)")
        }
    }

    /// Runs `body` with the feed-update use case on the opened storage, closing it afterwards.
    func withUpdate<T>(_ body: (FeedUpdate) async throws -> T) async throws -> T {
        let storage = try await openStorage()
        let update = FeedUpdate(
            repository: KnowledgeBaseFiles(file: knowledgeBaseFile),
            sources: SQLFeedSourceStore(backend: storage.backend),
            jobs: SQLJobQueue(backend: storage.backend),
            clock: SystemClock()
        )
        do {
            let result = try await body(update)
            await storage.close()
            return result
        } catch {
            await storage.close()
            throw error
        }
    }
}

extension FeedUpdate.Report {
    /// What `vans feeds import|sync` print.
    var lines: [String] {
        var lines: [String] = []
        for (source, summary) in change.sources.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "\(source): \(summary.records) records in \(summary.documents) documents, "
                    + "digest \(summary.digest.prefix(12))")
        }
        if change.cves > 0 { lines.append("knowledge base: \(change.cves) CVEs, \(change.diagnostics) diagnostics") }
        if let rematch {
            lines.append("\(change.touchedProducts.count) products touched; rematch job \(rematch.id) queued")
        } else {
            lines.append("no product touched; nothing to re-match")
        }
        return lines
    }
}
