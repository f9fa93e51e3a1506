import AppCore
import Governance
import SQLKit
import VulnModel

extension SQLProhibitionStore {
    // A task is inserted or updated whole; its outstanding hits are replaced; a new task or a changed status
    // appends a history event, and an exception newly granted goes into the register.
    static func write(
        _ tracked: TrackedRemovalTask, actor: String, action: String, now: Timestamp, db: any SQLDatabase
    ) async throws {
        let task = tracked.task
        let key: SQLQueryString =
            "entry_id = \(bind: task.entry.rawValue) AND agency_oid = \(bind: task.agency.rawValue)"
        let stored = try await db.raw("SELECT status FROM removal_tasks WHERE \(key)").first()
            .map { try $0.string("status") }
        let completedOn: String? = if case .completed(let day) = task.status { day.description } else { nil }
        if stored == nil {
            try await db.raw(
                """
                INSERT INTO removal_tasks (entry_id, agency_oid, created_on, due_on, status, completed_on, last_month,
                    last_snapshot_at, updated_at)
                VALUES (\(bind: task.entry.rawValue), \(bind: task.agency.rawValue), \(bind: task.createdOn.description),
                    \(bind: task.dueDate.description), \(bind: task.status.name), \(bind: completedOn),
                    \(bind: tracked.lastMonth.gregorian), \(bind: tracked.lastSnapshotAt.storageValue),
                    \(bind: now.storageValue))
                """
            ).run()
        } else {
            try await db.raw(
                """
                UPDATE removal_tasks SET due_on = \(bind: task.dueDate.description), status = \(bind: task.status.name),
                    completed_on = \(bind: completedOn), last_month = \(bind: tracked.lastMonth.gregorian),
                    last_snapshot_at = \(bind: tracked.lastSnapshotAt.storageValue), updated_at = \(bind: now.storageValue)
                WHERE \(key)
                """
            ).run()
            try await db.raw("DELETE FROM removal_task_hits WHERE \(key)").run()
        }
        let hits = Array(Set(task.outstanding.map { [$0.host.host.rawValue, $0.itemName] }))
        var start = 0
        while start < hits.count {
            let end = min(start + SQLUploadStore.batchSize, hits.count)
            var query: SQLQueryString = "INSERT INTO removal_task_hits (entry_id, agency_oid, host, item_name) VALUES"
            for (offset, hit) in hits[start..<end].enumerated() {
                if offset > 0 { query += "," }
                query += """
                     (\(bind: task.entry.rawValue), \(bind: task.agency.rawValue), \(bind: hit[0]), \(bind: hit[1]))
                    """
            }
            try await db.raw(query).run()
            start = end
        }
        if case .exception(let approval) = task.status, stored != "exception" {
            try await register(approval, task: task, now: now, db: db)
        }
        guard stored != task.status.name else { return }
        let position =
            try await db.raw(
                "SELECT COALESCE(MAX(position), -1) + 1 AS next FROM removal_history WHERE \(key)"
            ).first().map { try $0.int64("next") } ?? 0
        let note = "\(task.outstanding.count) outstanding"
        try await db.raw(
            """
            INSERT INTO removal_history (entry_id, agency_oid, position, day, actor, action, from_status, to_status,
                note, recorded_at)
            VALUES (\(bind: task.entry.rawValue), \(bind: task.agency.rawValue), \(bind: position),
                \(bind: now.dayInTaiwan.description), \(bind: actor), \(bind: action), \(bind: stored),
                \(bind: task.status.name), \(bind: note), \(bind: now.storageValue))
            """
        ).run()
    }

    private static func register(_ approval: ExceptionApproval, task: RemovalTask, now: Timestamp, db: any SQLDatabase)
        async throws
    {
        let product = approval.registration
        try await db.raw(
            """
            INSERT INTO removal_exceptions (entry_id, agency_oid, ciso_approval, authority_approval, reason, expires,
                product, location, connectivity, measures, replacement_date, granted_at)
            VALUES (\(bind: task.entry.rawValue), \(bind: task.agency.rawValue), \(bind: approval.cisoApproval),
                \(bind: approval.competentAuthorityApproval), \(bind: approval.reason),
                \(bind: approval.expires?.description), \(bind: product.product), \(bind: product.location),
                \(bind: product.connectivity.rawValue),
                \(bind: product.measures.map(\.rawValue).sorted().joined(separator: ",")),
                \(bind: product.replacementDate?.description), \(bind: now.storageValue))
            """
        ).run()
    }

    static func tracked(_ row: any SQLRow, hits: [ProhibitedHit]) throws -> TrackedRemovalTask {
        let entry = ProhibitedEntryID(try row.string("entry_id"))
        let agency = try row.agency("agency_oid")
        let status: RemovalTask.Status
        switch try row.string("status") {
        case "open":
            status = .open
        case "completed":
            status = .completed(try row.day("completed_on"))
        case "exception":
            status = .exception(try approval(row, entry: entry, agency: agency))
        case let other:
            throw StoreError(.corrupt, "removal_tasks.status: unknown value \(other)")
        }
        let task = RemovalTask(
            entry: entry, agency: agency, createdOn: try row.day("created_on"), dueDate: try row.day("due_on"),
            outstanding: hits, status: status)
        return TrackedRemovalTask(
            task: task, lastMonth: try row.month("last_month"), lastSnapshotAt: try row.timestamp("last_snapshot_at"))
    }

    private static func approval(_ row: any SQLRow, entry: ProhibitedEntryID, agency: Agency.ID) throws
        -> ExceptionApproval
    {
        guard let ciso = try row.optionalString("ciso_approval") else {
            throw StoreError(.corrupt, "removal task \(entry) of \(agency) is an exception but has no registration")
        }
        var measures: Set<RegisteredProduct.CompensatingMeasure> = []
        for name in try row.string("measures").split(separator: ",") {
            guard let measure = RegisteredProduct.CompensatingMeasure(rawValue: String(name)) else {
                throw StoreError(.corrupt, "removal_exceptions.measures: unknown measure \(name)")
            }
            measures.insert(measure)
        }
        return ExceptionApproval(
            cisoApproval: ciso, competentAuthorityApproval: try row.string("authority_approval"),
            registration: RegisteredProduct(
                entry: entry, agency: agency, product: try row.string("product"), location: try row.string("location"),
                connectivity: try row.enumeration("connectivity", as: RegisteredProduct.Connectivity.self),
                measures: measures, replacementDate: try row.optionalDay("replacement_date")),
            reason: try row.string("reason"), expires: try row.optionalDay("expires"))
    }
}
