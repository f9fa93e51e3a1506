import AppCore
import ArgumentParser
import Foundation

/// The job worker's settings, shared by `vans serve` (which runs workers beside the API) and `vans worker`.
struct WorkerOptions: ParsableArguments {
    @Option(
        help: """
            The knowledge base: a .vanskb made by `vans feeds snapshot` (or VANS_KB; default vans-kb.vanskb beside \
            the SQLite file, or in the current folder on PostgreSQL; built from Samples/feeds when absent). \
            Reloaded when the file is replaced.
            """)
    var kb: String?
    @Option(help: "Job loops in this process (or VANS_WORKERS; default 1; 0 runs none).") var workers: Int?
    @Option(help: "Seconds a claimed job is leased before another process may take it over (default 60).")
    var leaseSeconds: Double?
    @Option(help: "How often an idle worker looks for jobs, in milliseconds (default 1000).")
    var pollMilliseconds: Int?

    /// Defaults < the JSON file (`workers`, `leaseSeconds`, `pollMilliseconds`, `kb`) < `VANS_*` < flags.
    func resolve(config: String?) throws -> WorkerSettings {
        var layers: [WorkerSettings.Layer] = []
        if let config {
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: config))
                layers.append(try JSONDecoder().decode(WorkerSettings.Layer.self, from: data))
            } catch {
                throw CommandFailure(message: "\(config): not a settings file: \(error)")
            }
        }
        do {
            layers.append(try WorkerSettings.Layer(environment: ProcessInfo.processInfo.environment))
            layers.append(
                .init(workers: workers, leaseSeconds: leaseSeconds, pollMilliseconds: pollMilliseconds, kb: kb))
            return try WorkerSettings.resolve(layers)
        } catch {
            throw CommandFailure(message: "settings: \(error)")
        }
    }
}
