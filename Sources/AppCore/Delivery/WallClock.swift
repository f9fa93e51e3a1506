import VulnModel

/// The wall clock, injected so that tests choose "now".
public protocol WallClock: Sendable {
    func now() -> Timestamp
}
