import Governance

/// An agency's findings summed up for the supervisor's list, as the database can count them without handing over
/// every host × CVE row (ADR 0018): distinct CVEs open in the latest month, distinct high-risk CVEs present in each
/// month of the window, and the findings no longer seen, counted by the months they were first and last seen.
public struct FindingFigures: Hashable, Sendable {
    public struct Span: Hashable, Sendable {
        public var first: ReportingMonth
        public var last: ReportingMonth

        public init(first: ReportingMonth, last: ReportingMonth) {
            self.first = first
            self.last = last
        }
    }

    public var openHighRisk = 0
    public var openKnownExploited = 0
    public var highRiskByMonth: [ReportingMonth: Int] = [:]
    /// Findings last seen before the latest month, by (first, last) month seen.
    public var gone: [Span: Int] = [:]

    public init() {}
}
