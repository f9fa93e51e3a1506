/// What to do with the answer to one download attempt. NVD answers 403 (not only 429) when a client exceeds its
/// rate limit, and 503 or a timeout when it is overloaded, so those are retried after a back-off; any other 4xx is
/// a mistake in the request that another attempt would not fix.
public struct RetryPolicy: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// An HTTP answer; `retryAfter` is the `Retry-After` header in seconds when present.
        case status(Int, retryAfter: Duration?)
        /// No answer in time.
        case timeout
        /// The connection failed (refused, reset, DNS).
        case transportFailure(String)
    }

    public enum Decision: Hashable, Sendable {
        case accept
        case retry(after: Duration)
        case giveUp(reason: String)
    }

    /// Attempts in all, the first included.
    public var maximumAttempts: Int
    /// The wait after the first failure; doubled after each further one up to `maximumDelay`.
    public var initialDelay: Duration
    public var maximumDelay: Duration
    /// The extra wait after a rate-limit answer, which means the window is full: a whole window (NVD: 30 s).
    public var rateLimitDelay: Duration

    public init(
        maximumAttempts: Int = 6,
        initialDelay: Duration = .seconds(2),
        maximumDelay: Duration = .seconds(120),
        rateLimitDelay: Duration = .seconds(30)
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.rateLimitDelay = rateLimitDelay
    }

    /// The decision after attempt number `attempt` (1 for the first) ended with `outcome`.
    public func decide(_ outcome: Outcome, attempt: Int) -> Decision {
        let reason: String
        var floor: Duration = .zero
        switch outcome {
        case .status(let code, _) where (200..<300).contains(code):
            return .accept
        case .status(let code, let retryAfter) where code == 403 || code == 429:
            reason = "HTTP \(code) (rate limit)"
            floor = max(retryAfter ?? .zero, rateLimitDelay)
        case .status(let code, let retryAfter) where [500, 502, 503, 504].contains(code):
            reason = "HTTP \(code)"
            floor = retryAfter ?? .zero
        case .status(let code, _):
            return .giveUp(reason: "HTTP \(code)")
        case .timeout:
            reason = "timed out"
        case .transportFailure(let message):
            reason = message
        }
        guard attempt < maximumAttempts else {
            return .giveUp(reason: "\(reason), \(attempt) attempts")
        }
        let doublings = min(max(0, attempt - 1), 30)
        let backOff = min(initialDelay * (1 << doublings), maximumDelay)
        return .retry(after: min(max(backOff, floor), max(maximumDelay, floor)))
    }
}
