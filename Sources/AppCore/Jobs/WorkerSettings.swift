/// How the job worker runs: how many jobs at once, how long a claim lasts before another process may take the job
/// over, how often an idle worker looks for work, and how many cores one job's identification and matching use.
///
/// Like `ServerSettings` (ADR 0012), each source is a `Layer` of optionals, lowest precedence first: defaults, the
/// JSON settings file, `VANS_*` environment variables, flags.
public struct WorkerSettings: Hashable, Sendable {
    /// Job loops in this process; 0 runs none (`vans serve` then only takes uploads).
    public var concurrency = 1
    public var lease: Duration = .seconds(60)
    public var pollInterval: Duration = .seconds(1)
    /// Tasks one job spreads identification and matching over.
    public var parallelism = 2
    /// The first retry waits this long, each further one twice as long, at most `maxRetryDelay`.
    public var retryDelay: Duration = .seconds(5)
    public var maxRetryDelay: Duration = .seconds(300)
    /// The knowledge base file (`--kb`); nil for the default.
    public var knowledgeBase: String?

    public init() {}

    public struct Layer: Hashable, Sendable, Codable {
        public var workers: Int?
        public var leaseSeconds: Double?
        public var pollMilliseconds: Int?
        public var kb: String?

        public init(workers: Int? = nil, leaseSeconds: Double? = nil, pollMilliseconds: Int? = nil, kb: String? = nil) {
            self.workers = workers
            self.leaseSeconds = leaseSeconds
            self.pollMilliseconds = pollMilliseconds
            self.kb = kb
        }

        /// `VANS_WORKERS`, `VANS_LEASE_SECONDS`, `VANS_POLL_MILLISECONDS`, `VANS_KB`.
        public init(environment: [String: String]) throws(WorkerSettingsError) {
            workers = try Self.number(environment["VANS_WORKERS"], "VANS_WORKERS") { Int($0) }
            leaseSeconds = try Self.number(environment["VANS_LEASE_SECONDS"], "VANS_LEASE_SECONDS") { Double($0) }
            pollMilliseconds = try Self.number(environment["VANS_POLL_MILLISECONDS"], "VANS_POLL_MILLISECONDS") {
                Int($0)
            }
            kb = environment["VANS_KB"].flatMap { $0.isEmpty ? nil : $0 }
        }

        static func number<T>(_ text: String?, _ name: String, _ parse: (String) -> T?) throws(WorkerSettingsError)
            -> T?
        {
            guard let text else { return nil }
            guard let value = parse(text) else {
                throw WorkerSettingsError(source: name, reason: "not a number: \(text)")
            }
            return value
        }
    }

    /// `layers` applied in order, each overriding the ones before; the result is checked.
    public static func resolve(_ layers: [Layer]) throws(WorkerSettingsError) -> WorkerSettings {
        var settings = WorkerSettings()
        for layer in layers {
            if let workers = layer.workers { settings.concurrency = workers }
            if let seconds = layer.leaseSeconds {
                guard seconds >= 1, seconds <= 86_400 else {
                    throw WorkerSettingsError(source: "leaseSeconds", reason: "\(seconds) is not between 1 and 86400")
                }
                settings.lease = .milliseconds(Int64(seconds * 1000))
            }
            if let milliseconds = layer.pollMilliseconds {
                guard milliseconds >= 1 else {
                    throw WorkerSettingsError(source: "pollMilliseconds", reason: "must be positive")
                }
                settings.pollInterval = .milliseconds(milliseconds)
            }
            if let kb = layer.kb { settings.knowledgeBase = kb }
        }
        guard (0...64).contains(settings.concurrency) else {
            throw WorkerSettingsError(source: "workers", reason: "\(settings.concurrency) is not between 0 and 64")
        }
        return settings
    }

    /// The wait before retrying after the `attempts`-th attempt failed.
    public func retryDelay(afterAttempt attempts: Int) -> Duration {
        var delay = retryDelay
        for _ in 1..<max(1, min(attempts, 20)) where delay < maxRetryDelay { delay *= 2 }
        return min(delay, maxRetryDelay)
    }
}

/// A worker setting that cannot be used, naming where it came from.
public struct WorkerSettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var source: String
    public var reason: String

    public var description: String { "\(source): \(reason)" }
}
