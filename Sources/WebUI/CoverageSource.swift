import AppCore

/// What the coverage page reads: the coverage use case, and the obligations one when a catalogue is loaded.
public struct CoverageSource: Sendable {
    public let coverage: CoverageDesk
    public let obligations: ObligationDesk?

    public init(coverage: CoverageDesk, obligations: ObligationDesk?) {
        self.coverage = coverage
        self.obligations = obligations
    }
}
