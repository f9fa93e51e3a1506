import CPE
import Governance
import Identification
import VulnModel

/// R27–R28 by hand: publishing a catalogue entry (a task for every agency whose latest inventory holds it),
/// granting an exception (the product goes into the register), and the lists. The policy is L0's `RemovalTask`;
/// this only loads, checks stored rows and saves, and writes the audit log.
public struct RemovalDesk: Sendable {
    public var store: any ProhibitionStore
    public var uploads: any UploadStore
    public var audit: (any AuditLog)?

    public init(store: any ProhibitionStore, uploads: any UploadStore, audit: (any AuditLog)? = nil) {
        self.store = store
        self.uploads = uploads
        self.audit = audit
    }

    /// Publishes `id` from `catalogue`: every agency's latest snapshot is checked against that entry alone (a
    /// snapshot identified before the entry existed has no stored hits for it), and each agency with a hit gets a
    /// task due `dueDays` after today.
    @discardableResult
    public func publish(
        _ id: ProhibitedEntryID, from catalogue: ProhibitedCatalogue, dueDays: Int, by actor: String, now: Timestamp
    ) async throws -> [TrackedRemovalTask] {
        guard let entry = catalogue.entries.first(where: { $0.id == id.rawValue }) else {
            throw RemovalError("\(id) is not in the catalogue (version \(catalogue.version))")
        }
        guard entry.status == "active", let checker = ProhibitedChecker(catalogue: catalogue, only: entry.id) else {
            throw RemovalError("\(id) is \(entry.status) in the catalogue and cannot be published")
        }
        guard dueDays >= 0 else { throw RemovalError("the days to remove must not be negative: \(dueDays)") }
        let day = now.dayInTaiwan
        var tasks: [TrackedRemovalTask] = []
        for snapshot in try await uploads.latestSnapshots() {
            let hits = try await self.hits(of: id, in: snapshot, checker: checker)
            for task in RemovalTask.tasks(for: id, publishedOn: day, hits: hits, days: dueDays) {
                tasks.append(
                    TrackedRemovalTask(task: task, lastMonth: snapshot.month, lastSnapshotAt: snapshot.committedAt))
            }
        }
        let published = PublishedEntry(
            entry: id, name: entry.nameEn.isEmpty ? entry.nameZh : entry.nameEn, category: entry.category.rawValue,
            catalogueVersion: catalogue.version, publishedOn: day, dueDays: dueDays, publishedBy: actor)
        try await store.publish(published, tasks: tasks, actor: actor, now: now)
        try await audit?.append(
            AuditEntry(
                at: now, actor: actor, agency: nil, action: "prohibited.published", subject: id.rawValue,
                detail: """
                    {"catalogueVersion":"\(catalogue.version)","dueDays":\(dueDays),"tasks":\(tasks.count)}
                    """))
        return tasks
    }

    /// Grants the Act Art. 11 exception on the agency's open task: it closes, and the product is registered.
    @discardableResult
    public func grantException(
        _ id: ProhibitedEntryID, agency: Agency.ID, approval: ExceptionApproval, by actor: String, now: Timestamp
    ) async throws -> TrackedRemovalTask {
        guard var tracked = try await store.tasks(agency: agency).first(where: { $0.task.entry == id }) else {
            throw RemovalError("\(agency) has no removal task for \(id)")
        }
        do { try tracked.task.grantException(approval) } catch { throw RemovalError(error.description) }
        try await store.save([tracked], actor: actor, action: "prohibited.exception_granted", now: now)
        try await audit?.append(
            AuditEntry(
                at: now, actor: actor, agency: agency, action: "prohibited.exception_granted", subject: id.rawValue,
                detail: """
                    {"expires":\(approval.expires.map { "\"\($0)\"" } ?? "null"),\
                    "measures":\(approval.registration.measures.count)}
                    """))
        return tracked
    }

    /// The tasks of one agency or all; only open ones when asked.
    public func tasks(agency: Agency.ID?, openOnly: Bool = false) async throws -> [TrackedRemovalTask] {
        let tasks = try await store.tasks(agency: agency)
        guard openOnly else { return tasks }
        return tasks.filter { if case .open = $0.task.status { true } else { false } }
    }

    /// R27: the products kept under compensating measures (every granted exception, lapsed ones included, so a
    /// lapse shows).
    public func register() async throws -> [ExceptionApproval] {
        try await store.tasks(agency: nil).compactMap {
            if case .exception(let approval) = $0.task.status { approval } else { nil }
        }
    }

    /// The snapshot's rows checked against one entry.
    private func hits(of id: ProhibitedEntryID, in snapshot: InventorySnapshot, checker: ProhibitedChecker)
        async throws -> [Governance.ProhibitedHit]
    {
        struct Key: Hashable {
            var name: String
            var publisher: String?
            var cpe: String?
        }
        let fallback = HostID(snapshot.agency.rawValue)
        var known: [Key: Bool] = [:]
        var hits: Set<Governance.ProhibitedHit> = []
        var after = 0
        while true {
            let page = try await uploads.rows(
                of: snapshot.id, agency: snapshot.agency, after: after, limit: UploadProcessor.rowBatch)
            guard let last = page.last else { break }
            after = last.row
            for row in page {
                let key = Key(name: row.assetName, publisher: row.vendor, cpe: row.cpe)
                let hit =
                    known[key]
                    ?? !checker.check(
                        name: row.assetName, publisher: row.vendor,
                        cpe: row.cpe.flatMap { try? CPEName(formattedString: $0) }
                    ).isEmpty
                known[key] = hit
                guard hit else { continue }
                hits.insert(
                    Governance.ProhibitedHit(
                        entry: id, host: HostRef(agency: snapshot.agency, host: row.host ?? fallback),
                        itemName: row.assetName))
            }
        }
        return hits.sorted()
    }
}

/// A removal-task request that cannot be done, with why.
public struct RemovalError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
