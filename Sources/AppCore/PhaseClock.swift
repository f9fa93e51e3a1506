/// Records how long consecutive phases take, for reporting to operators.
struct PhaseClock {
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant
    private(set) var phases: [(name: String, duration: Duration)] = []

    init() {
        start = clock.now
    }

    /// Ends the phase that began at the previous call.
    mutating func end(_ name: String) {
        let now = clock.now
        phases.append((name, now - start))
        start = now
    }
}
