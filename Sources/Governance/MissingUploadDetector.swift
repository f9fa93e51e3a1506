import VulnModel

/// R22: on day N of month M+1, every agency in VANS scope for month M that has no upload for M is flagged.
public struct MissingUploadDetector: Sendable {
    /// N: the day of the following month on which a missing upload is flagged.
    public var flagDay: Int
    /// Agencies whose VANS adoption deadline (R5) falls after month M are still setting VANS up and are not
    /// flagged for M; nil means flag from the level approval on.
    public var adoptionDue: [Agency.ID: Day]

    public init(flagDay: Int = 10, adoptionDue: [Agency.ID: Day] = [:]) {
        self.flagDay = flagDay
        self.adoptionDue = adoptionDue
    }

    /// The day month `month`'s missing uploads are flagged.
    public func flagDate(for month: ReportingMonth) -> Day { month.next.day(flagDay) }

    /// The months up to and including `today`'s flag dates for which each in-scope agency has not uploaded,
    /// considering months from `since` on. Sorted by month, then agency.
    public func missingUploads(
        agencies: [Agency],
        uploads: [Agency.ID: Set<ReportingMonth>],
        since: ReportingMonth,
        today: Day
    ) -> [MissingUpload] {
        var flagged: [MissingUpload] = []
        var month = since
        while flagDate(for: month) <= today {
            for agency in agencies where isDue(agency, for: month) && uploads[agency.id]?.contains(month) != true {
                flagged.append(MissingUpload(agency: agency.id, month: month, flaggedOn: flagDate(for: month)))
            }
            month = month.next
        }
        return flagged.sorted { ($0.month, $0.agency) < ($1.month, $1.agency) }
    }

    /// In scope on the month's last day, and past its adoption deadline by then when one is known.
    public func isDue(_ agency: Agency, for month: ReportingMonth) -> Bool {
        guard agency.isInVANSScope(on: month.lastDay) else { return false }
        if let due = adoptionDue[agency.id], due > month.lastDay { return false }
        return true
    }
}

public struct MissingUpload: Hashable, Sendable {
    public var agency: Agency.ID
    public var month: ReportingMonth
    public var flaggedOn: Day

    public init(agency: Agency.ID, month: ReportingMonth, flaggedOn: Day) {
        self.agency = agency
        self.month = month
        self.flaggedOn = flaggedOn
    }
}
