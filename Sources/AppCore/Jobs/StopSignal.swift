import Synchronization

/// Tells worker loops to stop claiming: set from a shutdown handler (synchronous), read between jobs.
public final class StopSignal: Sendable {
    private let stopped = Mutex(false)

    public init() {}

    public func stop() { stopped.withLock { $0 = true } }

    public var isStopped: Bool { stopped.withLock { $0 } }
}
