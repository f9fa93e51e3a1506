import AppCore
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Assembles the Hummingbird application: the middleware every route shares (request id, request log,
/// metrics, error mapping, in that order from the outside in), `/metrics`, and the routes the composition root
/// adds — the generated API today, server-rendered pages later. Taking routes from the caller keeps `Server`
/// from depending on `HTTPAPI` (ADR 0012).
public struct ApplicationBuilder: Sendable {
    public let settings: ServerSettings
    public let registry: PrometheusCollectorRegistry
    public let logger: Logger

    public init(settings: ServerSettings, registry: PrometheusCollectorRegistry, logger: Logger) {
        self.settings = settings
        self.registry = registry
        self.logger = logger
    }

    /// A router with the shared middleware and `/metrics`, then whatever `routes` adds. With a `gate`, every
    /// request's caller is resolved and logged inside the error mapping (ADR 0014).
    public func router(
        gate: AccessGate? = nil,
        routes: (Router<ServiceRequestContext>) throws -> Void
    ) rethrows -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: RequestMetrics(registry: registry))
        router.add(middleware: ErrorMapping())
        if let gate { router.add(middleware: SessionMiddleware(gate: gate)) }
        router.get("/metrics") { [registry] _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        try routes(router)
        return router
    }

    /// The application listening where the settings say; `onServerRunning` learns the bound port (which
    /// differs from the settings when they ask for port 0).
    public func application(
        router: Router<ServiceRequestContext>,
        onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "OpenVANS"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) },
            logger: logger)
    }

    /// Runs `application`, and `services` beside it (the job worker), until SIGTERM or SIGINT, then lets in-flight
    /// requests and jobs finish.
    public func run(_ application: some ApplicationProtocol, alongside services: [any Service] = []) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [application] + services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
