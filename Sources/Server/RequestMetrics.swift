import Hummingbird
import Prometheus

/// Counts answered requests by route, method and status in the service's own Prometheus registry (passed in,
/// so that tests and several applications in one process do not share a global metrics system).
public struct RequestMetrics: RouterMiddleware {
    public typealias Context = ServiceRequestContext
    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let route = context.endpointPath ?? "unmatched"
        do {
            let response = try await next(request, context)
            count(route: route, method: request.method.rawValue, status: String(response.status.code))
            return response
        } catch {
            // Only errors the mapping did not turn into an answer get here; Hummingbird answers them itself.
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            count(route: route, method: request.method.rawValue, status: String(status))
            throw error
        }
    }

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "vans", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests answered, by route, method and status.")
    }

    func count(route: String, method: String, status: String) {
        registry.makeCounter(
            descriptor: Self.requests, labels: [("route", route), ("method", method), ("status", status)]
        ).increment()
    }
}
