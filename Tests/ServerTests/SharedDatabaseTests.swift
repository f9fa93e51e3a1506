import Foundation
import SQLKit
import StoragePostgres
import Synchronization
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Three real `vans serve` processes, two job loops each, on one PostgreSQL database (issue 4 §6): uploads sent to
/// any of them are each processed exactly once, by whichever process claims the job first. Needs
/// `VANS_TEST_POSTGRES_URL` (`scripts/postgres-test.sh start`); skipped with the reason printed without it, a
/// failure when `VANS_REQUIRE_POSTGRES=1` (CI). Also skipped when `vans` is not built.
@Suite("Service: several vans serve processes on one PostgreSQL database")
struct SharedDatabaseTests {
    static let processes = 3
    static let uploads = 21

    /// What the processes have said, gathered from their output as it arrives.
    final class Output: Sendable {
        struct State {
            var pending: [String] = Array(repeating: "", count: SharedDatabaseTests.processes)
            var claimed: [Int] = Array(repeating: 0, count: SharedDatabaseTests.processes)
            var done = 0
            var givenUp = 0
            var failed: [String] = []
            var ended = 0
        }

        let state = Mutex(State())
        let events: AsyncStream<Void>
        let continuation: AsyncStream<Void>.Continuation

        init() {
            let (stream, continuation) = AsyncStream<Void>.makeStream()
            events = stream
            self.continuation = continuation
        }

        func tap(_ process: Int) -> @Sendable (String?) -> Void {
            { [self] chunk in
                state.withLock { state in
                    guard let chunk else {
                        state.ended += 1
                        return
                    }
                    state.pending[process] += chunk
                    while let newline = state.pending[process].firstIndex(of: "\n") {
                        let line = state.pending[process][..<newline]
                        if line.contains("job claimed") { state.claimed[process] += 1 }
                        if line.contains("job done") { state.done += 1 }
                        if line.contains("job failed for good") || line.contains("job given up") { state.givenUp += 1 }
                        if line.contains("job failed") || line.contains("job given up") {
                            state.failed.append(String(line))
                        }
                        state.pending[process] = String(
                            state.pending[process][state.pending[process].index(after: newline)...])
                    }
                }
                continuation.yield()
            }
        }

        /// Waits until `count` jobs are done or given up, or every process has ended.
        func waitForJobs(_ count: Int) async -> State {
            for await _ in events {
                let now = state.withLock { $0 }
                if now.done + now.givenUp >= count || now.ended == SharedDatabaseTests.processes {
                    return now
                }
            }
            return state.withLock { $0 }
        }
    }

    /// A small inventory distinct per index, so that each is its own upload.
    static func inventory(_ index: Int) -> Data {
        // `rpm -qa --queryformat '%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{VENDOR}\n'`, as the fixture.
        var lines: [String] = []
        for row in 0..<200 {
            lines.append(
                "tool-\(index)-\(row)\t(none)\t1.\(row % 9).\(index)\t1.el9\tx86_64\tRocky Enterprise Software Foundation"
            )
        }
        lines.append("openssl\t1\t3.0.7\t\(index).el9\tx86_64\tRocky Enterprise Software Foundation")
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func send(_ data: Data, to base: String, key: String, index: Int) async throws -> Int {
        let url = try #require(URL(string: "\(base)/api/v1/uploads?filename=rpm-\(index).tsv&month=2026-10"))
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = data
        request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        request.setValue(key, forHTTPHeaderField: "X-API-Key")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    @Test("every upload gets one snapshot, every job succeeds at its first attempt, and every process claims some")
    func sharedQueue() async throws {
        guard let executable = ServiceProcess.executable else {
            print("SharedDatabaseTests skipped: the vans executable is not built (swift build, as .ci/run does)")
            return
        }
        guard let server = ProcessInfo.processInfo.environment["VANS_TEST_POSTGRES_URL"], !server.isEmpty else {
            let reason = "SharedDatabaseTests skipped: VANS_TEST_POSTGRES_URL is not set (scripts/postgres-test.sh)"
            if ProcessInfo.processInfo.environment["VANS_REQUIRE_POSTGRES"] == "1" {
                Issue.record("VANS_REQUIRE_POSTGRES=1 but \(reason)")
            }
            print(reason)
            return
        }
        let name = "vans_serve_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        var components = try #require(URLComponents(string: server))
        components.path = "/\(name)"
        let url = try #require(components.string)
        let admin = try await PostgresStorage.open(url: server, connectionsPerEventLoop: 1, migrate: false)
        var failure: (any Error)?
        do {
            try await admin.backend.database.raw("CREATE DATABASE \(ident: name)").run()
            try await Self.run(executable, url: url)
        } catch {
            failure = error
        }
        try? await admin.backend.database.raw("DROP DATABASE \(ident: name) WITH (FORCE)").run()
        await admin.close()
        if let failure { throw failure }
    }

    static func run(_ executable: URL, url: String) async throws {
        let output = Output()
        var started: [ServiceProcess] = []
        var bases: [String] = []
        var key: String?
        defer { for process in started { process.kill(SIGTERM) } }
        // One after another: the first migrates the database and seeds the demo agency, whose key it prints.
        for index in 0..<processes {
            let process = try ServiceProcess(
                executable: executable,
                arguments: [
                    "serve", "--postgres", url, "--port", "0", "--workers", "2", "--poll-milliseconds", "50",
                ],
                tap: output.tap(index))
            started.append(process)
            let listening = await process.line(containing: "listening on http://")
            let base = try #require(
                listening?.components(separatedBy: "listening on ").last?.split(separator: " ").first,
                "no listening line in: \(process.transcript)")
            bases.append(String(base))
            for line in process.transcript where line.contains("shown only now: ") {
                key = line.components(separatedBy: "shown only now: ").last
            }
        }
        let secret = try #require(key, "no demo key printed")
        for index in 0..<uploads {
            let status = try await send(
                inventory(index), to: bases[index % processes], key: secret, index: index)
            #expect(status == 202, "upload \(index)")
        }
        let state = await output.waitForJobs(uploads)
        #expect(state.failed.isEmpty, "\(state.failed)")
        #expect(state.done == uploads)
        #expect(
            state.claimed.allSatisfy { $0 > 0 },
            "claims per process: \(state.claimed); one process took every job, so nothing ran concurrently")

        let storage = try await PostgresStorage.open(url: url, connectionsPerEventLoop: 1, migrate: false)
        do {
            let snapshots = try await storage.backend.database.raw(
                "SELECT u.id, (SELECT COUNT(*) FROM snapshots s WHERE s.upload_id = u.id) AS n FROM uploads u"
            ).all()
            #expect(snapshots.count == uploads)
            for row in snapshots {
                let id = try row.decode(column: "id", as: String.self)
                #expect(try row.decode(column: "n", as: Int64.self) == 1, "upload \(id)")
            }
            let jobs = try await storage.backend.database.raw(
                "SELECT state, attempts FROM jobs WHERE kind = 'process-upload'"
            ).all()
            #expect(jobs.count == uploads)
            for job in jobs {
                #expect(try job.decode(column: "state", as: String.self) == "succeeded")
                #expect(try job.decode(column: "attempts", as: Int64.self) == 1)
            }
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    }
}
