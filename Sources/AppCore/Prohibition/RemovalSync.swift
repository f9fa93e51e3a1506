import Governance
import VulnModel

/// Follows removal tasks after every upload (R28): the upload's stored catalogue hits replace the outstanding ones
/// of the hosts it lists, and a task whose hits are all gone completes on the day of processing. An agency that
/// shows a published entry after publication gets its task then. Idempotent per upload: a task remembers the
/// snapshot it last followed and ignores that one and older ones.
public struct RemovalSync: FindingsRecordedObserver {
    public var store: any ProhibitionStore
    public var uploads: any UploadStore
    public var audit: (any AuditLog)?

    public init(store: any ProhibitionStore, uploads: any UploadStore, audit: (any AuditLog)? = nil) {
        self.store = store
        self.uploads = uploads
        self.audit = audit
    }

    public func findingsRecorded(
        agency: Agency.ID, upload: Upload.ID, month: ReportingMonth, observations: [FindingObservation],
        hosts: Set<HostID>, now: Timestamp
    ) async throws {
        // A re-match (no hosts) follows a feed change; the inventory, and so its hits, did not change.
        guard !hosts.isEmpty else { return }
        _ = try await sync(agency: agency, upload: upload, hosts: hosts, now: now)
    }

    /// The tasks this upload changed or created.
    @discardableResult
    public func sync(agency: Agency.ID, upload: Upload.ID, hosts: Set<HostID>, now: Timestamp) async throws
        -> [TrackedRemovalTask]
    {
        let publications = try await store.publications()
        guard !publications.isEmpty, let snapshot = try await uploads.snapshot(of: upload, agency: agency) else {
            return []
        }
        let hits = try await store.hits(of: snapshot)
        let covered = Set(hosts.map { HostRef(agency: agency, host: $0) })
        let day = now.dayInTaiwan
        let existing = Dictionary(
            try await store.tasks(agency: agency).map { ($0.task.entry, $0) }, uniquingKeysWith: { first, _ in first })
        var changed: [TrackedRemovalTask] = []
        var completed = 0
        for publication in publications {
            let entryHits = hits.filter { $0.entry == publication.entry }
            guard var tracked = existing[publication.entry] else {
                let created = RemovalTask.tasks(
                    for: publication.entry, publishedOn: day, hits: entryHits, days: publication.dueDays)
                changed += created.map {
                    TrackedRemovalTask(task: $0, lastMonth: snapshot.month, lastSnapshotAt: snapshot.committedAt)
                }
                continue
            }
            guard tracked.follows(snapshot) else { continue }
            let wasOpen = tracked.task.status == .open
            tracked.task.record(upload: covered, hits: entryHits, on: day)
            tracked.lastMonth = snapshot.month
            tracked.lastSnapshotAt = snapshot.committedAt
            if wasOpen, tracked.task.status != .open { completed += 1 }
            changed.append(tracked)
        }
        guard !changed.isEmpty else { return [] }
        try await store.save(changed, actor: "system", action: "prohibited.upload_checked", now: now)
        try await audit?.append(
            AuditEntry(
                at: now, actor: "system", agency: agency, action: "prohibited.synced", subject: upload.rawValue,
                detail: """
                    {"tasks":\(changed.count),"completed":\(completed),\
                    "open":\(changed.filter { $0.task.status == .open }.count)}
                    """))
        return changed
    }
}
