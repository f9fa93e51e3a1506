import AppCore
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import InMemory
import Logging
import OpenAPIHummingbird
import Prometheus
import Server
import TestSupport

/// The service as `vans serve` assembles it, in memory, with one known key.
struct ServiceHarness {
    static let key = "test-key"
    static let uploader = Uploader(oid: "2.16.886.101.20007", name: "監察院")

    let registry = PrometheusCollectorRegistry()
    let store: any UploadStore

    init(store: any UploadStore = MemoryUploadStore()) { self.store = store }

    func application() throws -> some ApplicationProtocol {
        var logger = Logger(label: "vans.test")
        logger.logLevel = .warning
        let settings = try ServerSettings.resolve([.init(port: 0)])
        let builder = ApplicationBuilder(settings: settings, registry: registry, logger: logger)
        let receiver = UploadReceiver(keys: MemoryAPIKeys([Self.key: Self.uploader]), store: store, maxBytes: 1 << 20)
        let handler = APIHandler(receiver: receiver)
        let router = try builder.router { router in
            try handler.registerHandlers(on: router, middlewares: [JSONSyntaxCheck(maxBytes: 1 << 20)])
        }
        return builder.application(router: router)
    }

    /// The bundled sample with the test key in place of the demo key.
    static func sample(_ name: String) throws -> String {
        let url = SharedData.packageRoot.appendingPathComponent("Samples/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.replacingOccurrences(of: "openvans-demo-key", with: key)
    }

    static let json: HTTPFields = [.contentType: "application/json"]
}

/// A store whose every call fails as a broken database would.
struct BrokenStore: UploadStore {
    struct Failure: Error {}

    func record(_ upload: Upload) async throws -> (upload: Upload, created: Bool) { throw Failure() }
    func upload(_ id: Upload.ID) async throws -> Upload? { throw Failure() }
}

extension ByteBuffer {
    /// The body as a JSON object.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(readableBytesView))) as? [String: Any] ?? [:]
    }
}
