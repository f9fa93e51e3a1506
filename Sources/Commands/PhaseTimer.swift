#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Times the phases of a command for `--timings`, on standard error: wall time, and the process's CPU time
/// (user + system, all threads), which says what a phase costs even on a machine busy with other work.
struct PhaseTimer {
    let enabled: Bool
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant
    private var cpuStart: Double

    init(enabled: Bool) {
        self.enabled = enabled
        start = clock.now
        cpuStart = Self.cpuSeconds()
    }

    /// Reports a phase timed elsewhere (the sub-phases of matching).
    func report(_ phase: String, _ duration: Duration) {
        guard enabled else { return }
        Console.error("\(duration.formatted) s  \(phase)")
    }

    /// Ends the phase that began at the last call; with `rows`, also reports the rate.
    mutating func end(_ phase: String, rows: Int? = nil) {
        let now = clock.now
        let cpuNow = Self.cpuSeconds()
        defer {
            start = now
            cpuStart = cpuNow
        }
        guard enabled else { return }
        let elapsed = now - start
        let cpu = ((cpuNow - cpuStart) * 1_000).rounded() / 1_000
        var line = "\(elapsed.formatted) s  \(phase)"
        if let rows {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if seconds > 0 { line += ", \(Int(Double(rows) / seconds)) rows/s" }
        }
        Console.error(line + " (cpu \(cpu) s)")
    }

    /// User and system time of the whole process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
            let who = RUSAGE_SELF.rawValue
        #else
            let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
