import VulnModel

/// How long an agency has to deal with a finding (R20). VANS publishes no time limit (DOMAIN.md §1.5, [UNV]), so
/// every number here is configuration; the defaults are ADR 0008's.
public struct SLAPolicy: Hashable, Sendable {
    /// Days from the clock start, per severity band. A band without an entry has no deadline.
    public var daysBySeverity: [CVSSSeverity: Int]
    /// Days for a known-exploited CVE, counted from when it became known-exploited for this finding.
    public var kevDays: Int?
    /// Also hold KEV findings to the catalogue's own `dueDate`, when it falls after the clock start.
    public var honoursKEVDueDate: Bool

    public static let standard = SLAPolicy(
        daysBySeverity: [.critical: 30, .high: 60, .medium: 90, .low: 180], kevDays: 14, honoursKEVDueDate: true)

    public init(daysBySeverity: [CVSSSeverity: Int], kevDays: Int?, honoursKEVDueDate: Bool) {
        self.daysBySeverity = daysBySeverity
        self.kevDays = kevDays
        self.honoursKEVDueDate = honoursKEVDueDate
    }

    /// The finding's deadline: the earliest of the severity, KEV, KEV-due-date and directive deadlines, then
    /// pushed back by the days spent in approved risk acceptance before it. A reopened finding's clock restarts
    /// on the reopening day. A fixed due date (KEV's, a directive's) on or before its clock start is ignored: it
    /// was set before this finding existed, and the day-count rules then give the agency a real period.
    /// Nil when nothing sets a deadline.
    public func deadline(for record: RemediationRecord, directives: [Directive] = []) -> Deadline? {
        let restart = record.reopenedOn
        var candidates: [Deadline] = []
        let start = restart ?? record.firstSeen
        if let days = daysBySeverity[record.risk.severity] {
            candidates.append(Deadline(day: start.adding(days: days), clockStart: start, basis: .severity(days)))
        }
        if record.risk.isKEV {
            let kevStart = max(start, record.risk.kevDateAdded ?? start)
            if let kevDays {
                candidates.append(
                    Deadline(day: kevStart.adding(days: kevDays), clockStart: kevStart, basis: .kev(kevDays)))
            }
            if honoursKEVDueDate, let due = record.risk.kevDueDate, due > kevStart {
                candidates.append(Deadline(day: due, clockStart: kevStart, basis: .kevDueDate))
            }
        }
        for directive in directives where directive.covers(record.key.cve) {
            let directiveStart = max(start, directive.issuedOn)
            let due = directive.dueDate ?? directiveStart.adding(days: directive.days ?? 0)
            guard due > directiveStart else { continue }
            candidates.append(Deadline(day: due, clockStart: directiveStart, basis: .directive(directive.id)))
        }
        guard var earliest = candidates.min(by: { $0.day < $1.day }) else { return nil }
        earliest.pausedDays = Self.pausedDays(record.pauses, from: earliest.clockStart, until: earliest.day)
        earliest.day = earliest.day.adding(days: earliest.pausedDays)
        return earliest
    }

    /// Days paused between the clock start and the deadline, where each paused day pushes the deadline one day
    /// further (so a pause that begins after the original deadline but before the extended one also counts).
    static func pausedDays(_ pauses: [Range<Int>], from start: Day, until deadline: Day) -> Int {
        var end = deadline.daysSinceEpoch
        var paused = 0
        var covered = start.daysSinceEpoch
        for pause in pauses.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let lower = max(pause.lowerBound, covered)
            guard lower < end, pause.upperBound > lower else { continue }
            let length = pause.upperBound - lower
            paused += length
            end += length
            covered = pause.upperBound
        }
        return paused
    }

    /// Overdue on `today`: still active (open or planned) and past its deadline.
    public func isOverdue(_ record: RemediationRecord, on today: Day, directives: [Directive] = []) -> Bool {
        guard !record.state.isClosed, let deadline = deadline(for: record, directives: directives) else { return false }
        return today > deadline.day
    }
}

/// A deadline and what set it.
public struct Deadline: Hashable, Sendable {
    public enum Basis: Hashable, Sendable {
        case severity(Int)
        case kev(Int)
        case kevDueDate
        case directive(String)
    }

    public var day: Day
    public var clockStart: Day
    public var basis: Basis
    public var pausedDays: Int

    public init(day: Day, clockStart: Day, basis: Basis, pausedDays: Int = 0) {
        self.day = day
        self.clockStart = clockStart
        self.basis = basis
        self.pausedDays = pausedDays
    }
}

/// A national directive (e.g. an ACS notice to patch listed CVEs): its clock starts on its issue date.
public struct Directive: Hashable, Sendable {
    public var id: String
    public var cves: Set<CVEID>
    public var issuedOn: Day
    /// A fixed due date, or a number of days from issue.
    public var dueDate: Day?
    public var days: Int?

    public init(id: String, cves: Set<CVEID>, issuedOn: Day, dueDate: Day? = nil, days: Int? = nil) {
        self.id = id
        self.cves = cves
        self.issuedOn = issuedOn
        self.dueDate = dueDate
        self.days = days
    }

    public func covers(_ cve: CVEID) -> Bool { cves.contains(cve) }
}
