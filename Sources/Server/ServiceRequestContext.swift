import Hummingbird

/// The request context of every route: Hummingbird's core storage plus the request id, which the first
/// middleware sets and the error mapping needs after the handler has failed.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller's `X-Request-ID` when it is usable, else one made up; echoed and logged with every line.
    public var requestID = ""
    /// Set from the server settings; Hummingbird's default is 2 MiB, smaller than a large agency's month.
    public var maxUploadSize: Int { 64 << 20 }

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
