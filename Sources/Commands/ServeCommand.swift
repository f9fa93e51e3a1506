import AppCore
import ArgumentParser
import Foundation
import HTTPAPI
import Hummingbird
import InMemory
import Logging
import OpenAPIHummingbird
import Prometheus
import Server

/// `vans serve`: the VANS service. Uploads are kept in memory until the SQL storage is wired in, so this is for
/// trying the API on the bundled samples, not for keeping data.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the VANS upload API (in memory for now; data is lost on exit).",
        discussion: """
            Settings, lowest precedence first: defaults (127.0.0.1:8080), --config FILE (JSON with host, port, \
            logLevel, maxBodyBytes), VANS_HOST / VANS_PORT / VANS_LOG_LEVEL / VANS_MAX_BODY_BYTES, then flags. \
            Without --api-key the demo key of Samples/vans-v1.json and Samples/vans-v2.json is accepted.
            """
    )

    @Option(help: "A JSON settings file.") var config: String?
    @Option(help: "Address to listen on (default 127.0.0.1: loopback only).") var host: String?
    @Option(help: "Port to listen on; 0 picks a free one (default 8080).") var port: Int?
    @Option(help: "trace, debug, info, notice, warning, error or critical (default info).") var logLevel: String?
    @Option(help: "Largest upload body in bytes (default 64 MiB).") var maxBodyBytes: Int?
    @Option(help: "An agency key, KEY:OID:NAME; repeatable. Replaces the demo key.") var apiKey: [String] = []

    static let demoKey = "openvans-demo-key"

    func run() async throws {
        let settings = try resolveSettings()
        var logger = Logger(label: "vans.serve")
        logger.logLevel = settings.level
        let keys = try agencyKeys()
        let registry = PrometheusCollectorRegistry()
        let receiver = UploadReceiver(
            keys: MemoryAPIKeys(keys), store: MemoryUploadStore(), maxBytes: settings.maxBodyBytes)
        let handler = APIHandler(receiver: receiver)
        let builder = ApplicationBuilder(settings: settings, registry: registry, logger: logger)
        let router = try builder.router { router in
            try handler.registerHandlers(
                on: router, middlewares: [JSONSyntaxCheck(maxBytes: settings.maxBodyBytes)])
        }
        let usesDemoKey = apiKey.isEmpty
        let host = settings.host
        let application = builder.application(router: router) { port in
            let base = "http://\(host):\(port ?? settings.port)"
            Console.status("vans serve: listening on \(base)  (health: \(base)/healthz, metrics: \(base)/metrics)")
            if usesDemoKey {
                Console.status(
                    """
                    try: curl -s -H 'Content-Type: application/json' --data-binary @Samples/vans-v1.json \
                    \(base)/rest/vans/InsertSystemUnitproduct
                    """)
            }
        }
        try await builder.run(application)
    }

    func resolveSettings() throws -> ServerSettings {
        var layers: [ServerSettings.Layer] = []
        if let config {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: config))
            } catch {
                throw CommandFailure(message: "\(config): cannot read: \(error.localizedDescription)")
            }
            do {
                layers.append(try JSONDecoder().decode(ServerSettings.Layer.self, from: data))
            } catch {
                throw CommandFailure(message: "\(config): not a settings file: \(error)")
            }
        }
        do {
            layers.append(try ServerSettings.Layer(environment: ProcessInfo.processInfo.environment))
            layers.append(.init(host: host, port: port, logLevel: logLevel, maxBodyBytes: maxBodyBytes))
            return try ServerSettings.resolve(layers)
        } catch {
            throw CommandFailure(message: "settings: \(error)")
        }
    }

    func agencyKeys() throws -> [String: Uploader] {
        guard !apiKey.isEmpty else {
            return [Self.demoKey: Uploader(oid: "2.16.886.101.20007", name: "監察院")]
        }
        var keys: [String: Uploader] = [:]
        for entry in apiKey {
            let parts = entry.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CommandFailure(message: "--api-key \(entry): expected KEY:OID:NAME")
            }
            keys[parts[0]] = Uploader(oid: parts[1], name: parts[2])
        }
        return keys
    }
}
