/// Times the phases of a command for `--timings`, on standard error.
struct PhaseTimer {
    let enabled: Bool
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant

    init(enabled: Bool) {
        self.enabled = enabled
        start = clock.now
    }

    /// Reports a phase timed elsewhere (the sub-phases of matching).
    func report(_ phase: String, _ duration: Duration) {
        guard enabled else { return }
        Console.error("\(duration.formatted) s  \(phase)")
    }

    /// Ends the phase that began at the last call; with `rows`, also reports the rate.
    mutating func end(_ phase: String, rows: Int? = nil) {
        let now = clock.now
        defer { start = now }
        guard enabled else { return }
        let elapsed = now - start
        var line = "\(elapsed.formatted) s  \(phase)"
        if let rows {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if seconds > 0 { line += ", \(Int(Double(rows) / seconds)) rows/s" }
        }
        Console.error(line)
    }
}
