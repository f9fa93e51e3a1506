import VulnModel

/// How old each source may get before the service warns that findings may miss recent vulnerabilities.
public struct FeedFreshness: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
        case fresh
        /// Loaded once, but longer ago than its threshold.
        case stale
        /// Never loaded successfully.
        case missing
        /// Loaded, but the last attempt failed (and the data is not yet stale).
        case failing
    }

    public struct Assessment: Hashable, Sendable {
        public var state: FeedSourceState
        public var status: Status
        /// Time since the last success; nil when there was none.
        public var age: Duration?
        public var threshold: Duration
    }

    public var thresholds: [FeedSource: Duration]

    /// NVD and CVE 5 change many times a day and KEV and EPSS daily; overrides are published irregularly.
    public static let defaultThresholds: [FeedSource: Duration] = [
        .nvd: .seconds(2 * 86_400), .cve5: .seconds(2 * 86_400), .kev: .seconds(3 * 86_400),
        .epss: .seconds(3 * 86_400), .nvdOverrides: .seconds(14 * 86_400),
    ]

    public init(thresholds: [FeedSource: Duration] = [:]) {
        self.thresholds = Self.defaultThresholds.merging(thresholds) { _, given in given }
    }

    public func threshold(of source: FeedSource) -> Duration {
        thresholds[source] ?? .seconds(2 * 86_400)
    }

    /// One assessment per source, recorded or not, in `FeedSource` order.
    public func assess(_ states: [FeedSourceState], now: Timestamp) -> [Assessment] {
        FeedSource.allCases.map { source in
            let state = states.first { $0.source == source } ?? FeedSourceState(source: source)
            let threshold = threshold(of: source)
            guard let success = state.lastSuccess else {
                return Assessment(state: state, status: .missing, age: nil, threshold: threshold)
            }
            let age = Duration.milliseconds(now.millisecondsSinceEpoch - success.millisecondsSinceEpoch)
            let status: Status =
                age > threshold
                ? .stale
                : (state.lastError != nil && state.lastAttempt ?? success > success)
                    ? .failing : .fresh
            return Assessment(state: state, status: status, age: age, threshold: threshold)
        }
    }

    /// The warning to show on every page, or nil when every source is fresh. Sources never loaded are named
    /// only when `required` includes them (a deployment may leave overrides out, say).
    public func banner(
        _ states: [FeedSourceState],
        now: Timestamp,
        required: Set<FeedSource> = [.nvd, .kev, .epss]
    ) -> String? {
        let problems = assess(states, now: now).compactMap { assessment -> String? in
            let name = assessment.state.source.rawValue
            switch assessment.status {
            case .fresh: return nil
            case .missing: return required.contains(assessment.state.source) ? "\(name) never loaded" : nil
            case .stale: return "\(name) last updated \(Self.describe(assessment.age ?? .zero)) ago"
            case .failing: return "\(name) update failing: \(assessment.state.lastError ?? "")"
            }
        }
        guard !problems.isEmpty else { return nil }
        return "Vulnerability data may be out of date: " + problems.joined(separator: "; ")
    }

    /// `3 d 4 h`, `5 h 12 min`, `42 min`: ages as a person reads them.
    public static func describe(_ duration: Duration) -> String {
        let minutes = max(0, duration.components.seconds / 60)
        let days = minutes / 1440
        let hours = minutes / 60 % 24
        if days > 0 { return "\(days) d \(hours) h" }
        if hours > 0 { return "\(hours) h \(minutes % 60) min" }
        return "\(minutes) min"
    }
}

/// The feed banner the service shows: the recorded states judged against the thresholds at `now`.
public struct FeedStatusQuery: Sendable {
    public let store: any FeedSourceStore
    public let freshness: FeedFreshness

    public init(store: any FeedSourceStore, freshness: FeedFreshness = FeedFreshness()) {
        self.store = store
        self.freshness = freshness
    }

    public func assessments(now: Timestamp) async throws(StoreError) -> [FeedFreshness.Assessment] {
        freshness.assess(try await store.states(), now: now)
    }

    public func banner(now: Timestamp) async throws(StoreError) -> String? {
        freshness.banner(try await store.states(), now: now)
    }
}
