import VulnModel

/// A prohibited-software catalogue entry, by its id in the Identification catalogue
/// (`Data/identification/prohibited-catalogue.json`); Governance keys by id so it need not depend on identification.
public struct ProhibitedEntryID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One inventory item that matched a catalogue entry.
public struct ProhibitedHit: Hashable, Comparable, Sendable {
    public var entry: ProhibitedEntryID
    public var host: HostRef
    public var itemName: String

    public init(entry: ProhibitedEntryID, host: HostRef, itemName: String) {
        self.entry = entry
        self.host = host
        self.itemName = itemName
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.entry, lhs.host, lhs.itemName) < (rhs.entry, rhs.host, rhs.itemName)
    }
}

/// R28: when a catalogue entry is published, every agency whose inventory holds a match must remove, uninstall or
/// stop using it (審查辦法 Art. 6). One task per agency and entry, completed when later uploads of its hosts no
/// longer match, or closed by an approved exception (Act Art. 11: CISO and competent-authority approval, registered).
public struct RemovalTask: Hashable, Sendable {
    public enum Status: Hashable, Sendable {
        case open
        case completed(Day)
        case exception(ExceptionApproval)
    }

    public var entry: ProhibitedEntryID
    public var agency: Agency.ID
    public var createdOn: Day
    public var dueDate: Day
    /// The hits still outstanding, as of the latest upload of each host.
    public private(set) var outstanding: [ProhibitedHit]
    public private(set) var status: Status

    /// A task as storage saved it; other changes go through `record(upload:hits:on:)` and `grantException`.
    public init(
        entry: ProhibitedEntryID, agency: Agency.ID, createdOn: Day, dueDate: Day, outstanding: [ProhibitedHit],
        status: Status
    ) {
        self.entry = entry
        self.agency = agency
        self.createdOn = createdOn
        self.dueDate = dueDate
        self.outstanding = outstanding.sorted()
        self.status = status
    }

    public var key: String { "removal/\(entry)/\(agency)" }

    /// Tasks for a newly published entry: one per agency with hits, due `days` after publication.
    public static func tasks(
        for entry: ProhibitedEntryID, publishedOn: Day, hits: [ProhibitedHit], days: Int = 0
    ) -> [RemovalTask] {
        Dictionary(grouping: hits.filter { $0.entry == entry }, by: \.host.agency)
            .map { agency, hits in
                RemovalTask(
                    entry: entry, agency: agency, createdOn: publishedOn, dueDate: publishedOn.adding(days: days),
                    outstanding: hits.sorted(), status: .open)
            }
            .sorted { $0.agency < $1.agency }
    }

    /// A later upload of `host` on `day`: its hits for this entry replace the host's outstanding ones; the task
    /// completes when none are left. A host absent from the upload keeps its hits.
    public mutating func record(upload host: HostRef, hits: [ProhibitedHit], on day: Day) {
        record(upload: [host], hits: hits, on: day)
    }

    /// An upload listing several hosts, taken as a whole: the task completes only if none of them, and no host
    /// outside the upload, still has a hit (host by host, the first clean host would complete it too early).
    public mutating func record(upload hosts: Set<HostRef>, hits: [ProhibitedHit], on day: Day) {
        let hosts = hosts.filter { $0.agency == agency }
        guard case .open = status, !hosts.isEmpty else { return }
        outstanding.removeAll { hosts.contains($0.host) }
        outstanding += hits.filter { $0.entry == entry && hosts.contains($0.host) }
        outstanding = Array(Set(outstanding)).sorted()
        if outstanding.isEmpty { status = .completed(day) }
    }

    public mutating func grantException(_ approval: ExceptionApproval) throws(ExceptionApprovalError) {
        guard case .open = status else { throw ExceptionApprovalError(task: key, reason: "task is not open") }
        guard !approval.cisoApproval.isEmpty, !approval.competentAuthorityApproval.isEmpty else {
            throw ExceptionApprovalError(
                task: key, reason: "needs both the CISO's and the competent authority's approval")
        }
        status = .exception(approval)
    }

    public func isOverdue(on day: Day) -> Bool {
        if case .open = status { return day > dueDate }
        return false
    }
}

/// Act Art. 11 exception: business necessity, no alternative, approved by the CISO and the competent authority,
/// and registered (R27) with its compensating measures.
public struct ExceptionApproval: Hashable, Sendable {
    public var cisoApproval: String
    public var competentAuthorityApproval: String
    public var registration: RegisteredProduct
    /// The business necessity for which there is no alternative.
    public var reason: String
    /// The first day the exception no longer applies; nil when the approval set none.
    public var expires: Day?

    public init(
        cisoApproval: String, competentAuthorityApproval: String, registration: RegisteredProduct,
        reason: String = "", expires: Day? = nil
    ) {
        self.cisoApproval = cisoApproval
        self.competentAuthorityApproval = competentAuthorityApproval
        self.registration = registration
        self.reason = reason
        self.expires = expires
    }

    /// An approval lapses on its expiry day: the product must then be removed or the exception approved again.
    public func isInForce(on day: Day) -> Bool { expires.map { day < $0 } ?? true }
}

public struct ExceptionApprovalError: Error, Hashable, Sendable, CustomStringConvertible {
    public var task: String
    public var reason: String

    public init(task: String, reason: String) {
        self.task = task
        self.reason = reason
    }

    public var description: String { "\(task): \(reason)" }
}

/// R27: an entry of the mainland-brand product register (列冊管理).
public struct RegisteredProduct: Hashable, Sendable {
    /// The compensating measures of DOMAIN.md §2.4 item 3, as a checklist.
    public enum CompensatingMeasure: String, Hashable, Sendable, CaseIterable {
        case standAloneNoData = "stand_alone_no_data"
        case strongPasswordsNoRemoteMaintenance = "strong_passwords_no_remote_maintenance"
        case staticScreenOnDefacement = "static_screen_on_defacement"
        case noPersistentConnectivity = "no_persistent_connectivity"
        case noRepurchaseAfterEndOfLife = "no_repurchase_after_eol"
        case annualInternalAudit = "annual_internal_audit"
    }

    public enum Connectivity: String, Hashable, Sendable {
        case offline
        case separateNetwork = "separate_network"
        case connected
    }

    public var entry: ProhibitedEntryID
    public var agency: Agency.ID
    public var product: String
    public var location: String
    public var connectivity: Connectivity
    public var measures: Set<CompensatingMeasure>
    public var replacementDate: Day?

    public init(
        entry: ProhibitedEntryID, agency: Agency.ID, product: String, location: String, connectivity: Connectivity,
        measures: Set<CompensatingMeasure>, replacementDate: Day?
    ) {
        self.entry = entry
        self.agency = agency
        self.product = product
        self.location = location
        self.connectivity = connectivity
        self.measures = measures
        self.replacementDate = replacementDate
    }

    /// Measures of the checklist not yet applied; a product connected to an official network is never compliant.
    public var missingMeasures: [CompensatingMeasure] {
        CompensatingMeasure.allCases.filter { !measures.contains($0) }
    }

    public var isCompliant: Bool { connectivity != .connected && missingMeasures.isEmpty }
}
