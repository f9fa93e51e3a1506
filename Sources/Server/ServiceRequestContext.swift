import Hummingbird

/// The request context of every route: Hummingbird's core storage plus the request id, which the first
/// middleware sets and the error mapping needs after the handler has failed.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller's `X-Request-ID` when it is usable, else one made up; echoed and logged with every line.
    public var requestID = ""

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
