import AppCore
import Foundation
import Governance
import Remediation
import SQLKit
import VulnModel

/// A record's columns, written once for the INSERT and the UPDATE.
struct RecordColumns {
    let tracked: TrackedRemediation

    init(_ tracked: TrackedRemediation) { self.tracked = tracked }

    var record: RemediationRecord { tracked.record }

    /// The day the record reached its current closed state, for time-to-remediate figures.
    var closedOn: String? {
        guard record.state.isClosed else { return nil }
        return (record.history.last { $0.to == record.state }?.day ?? record.lastSeen).description
    }

    var evidence: String {
        // An array of strings always encodes; the fallback only keeps the column non-null.
        (try? JSONEncoder().encode(record.evidence)).flatMap { String(bytes: $0, encoding: .utf8) } ?? "[]"
    }

    func insert(now: Timestamp) -> SQLQueryString {
        let key = record.key
        return """
            INSERT INTO remediation_records (agency_oid, host, cve, vendor, product, version, severity, base_score,
                known_exploited, kev_date_added, kev_due_date, state, verified, first_seen, last_seen, last_month,
                measure, owner, target_date, evidence, approver, acceptance_reason, acceptance_expires, justification,
                decision_id, reappeared, reopened_on, reopen_count, clock_start, deadline, deadline_basis, paused_days,
                closed_on, history_length, created_at, updated_at)
            VALUES (\(bind: key.agency.rawValue), \(bind: key.host.rawValue), \(bind: key.cve.description),
                \(bind: key.item.product.vendor), \(bind: key.item.product.product), \(bind: key.item.version),
                \(bind: record.risk.severity.rawValue), \(bind: record.risk.baseScore), \(bind: record.risk.isKEV),
                \(bind: record.risk.kevDateAdded?.description), \(bind: record.risk.kevDueDate?.description),
                \(bind: record.state.rawValue), \(bind: record.verified), \(bind: record.firstSeen.description),
                \(bind: record.lastSeen.description), \(bind: tracked.lastMonth.gregorian), \(bind: record.measure),
                \(bind: record.owner), \(bind: record.targetDate?.description), \(bind: evidence),
                \(bind: record.riskAcceptance?.approver), \(bind: record.riskAcceptance?.reason),
                \(bind: record.riskAcceptance?.expires.description), \(bind: record.justification),
                \(bind: record.decision?.rawValue), \(bind: record.reappeared), \(bind: record.reopenedOn?.description),
                \(bind: Int64(record.reopenCount)), \(bind: tracked.deadline?.clockStart.description),
                \(bind: tracked.deadline?.day.description), \(bind: tracked.deadline.map { Self.basisText($0.basis) }),
                \(bind: tracked.deadline.map { Int64($0.pausedDays) }), \(bind: closedOn),
                \(bind: Int64(record.history.count)), \(bind: now.storageValue), \(bind: now.storageValue))
            """
    }

    func update(now: Timestamp, expectedLength: Int) -> SQLQueryString {
        """
        UPDATE remediation_records SET severity = \(bind: record.risk.severity.rawValue),
            base_score = \(bind: record.risk.baseScore), known_exploited = \(bind: record.risk.isKEV),
            kev_date_added = \(bind: record.risk.kevDateAdded?.description),
            kev_due_date = \(bind: record.risk.kevDueDate?.description), state = \(bind: record.state.rawValue),
            verified = \(bind: record.verified), last_seen = \(bind: record.lastSeen.description),
            last_month = \(bind: tracked.lastMonth.gregorian), measure = \(bind: record.measure),
            owner = \(bind: record.owner), target_date = \(bind: record.targetDate?.description),
            evidence = \(bind: evidence), approver = \(bind: record.riskAcceptance?.approver),
            acceptance_reason = \(bind: record.riskAcceptance?.reason),
            acceptance_expires = \(bind: record.riskAcceptance?.expires.description),
            justification = \(bind: record.justification), decision_id = \(bind: record.decision?.rawValue),
            reappeared = \(bind: record.reappeared), reopened_on = \(bind: record.reopenedOn?.description),
            reopen_count = \(bind: Int64(record.reopenCount)),
            clock_start = \(bind: tracked.deadline?.clockStart.description),
            deadline = \(bind: tracked.deadline?.day.description),
            deadline_basis = \(bind: tracked.deadline.map { Self.basisText($0.basis) }),
            paused_days = \(bind: tracked.deadline.map { Int64($0.pausedDays) }), closed_on = \(bind: closedOn),
            history_length = \(bind: Int64(record.history.count)), updated_at = \(bind: now.storageValue)
        WHERE \(SQLRemediationStore.matching(record.key)) AND history_length = \(bind: Int64(expectedLength))
        RETURNING agency_oid
        """
    }

    static func basisText(_ basis: Deadline.Basis) -> String {
        switch basis {
        case .severity(let days): "severity:\(days)"
        case .kev(let days): "kev:\(days)"
        case .kevDueDate: "kev_due_date"
        case .directive(let id): "directive:\(id)"
        }
    }

    static func basis(_ text: String) -> Deadline.Basis? {
        if text == "kev_due_date" { return .kevDueDate }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "severity": return Int(parts[1]).map(Deadline.Basis.severity)
        case "kev": return Int(parts[1]).map(Deadline.Basis.kev)
        case "directive": return .directive(parts[1])
        default: return nil
        }
    }
}

extension SQLRow {
    func day(_ column: String) throws -> Day {
        let text = try string(column)
        guard let day = Day(iso8601: text), text.utf8.count == 10 else {
            throw StoreError(.corrupt, "\(column): not a YYYY-MM-DD day: \(text)")
        }
        return day
    }

    func optionalDay(_ column: String) throws -> Day? { try decodeNil(column: column) ? nil : day(column) }
}

extension SQLRemediationStore {
    static func key(_ row: any SQLRow) throws -> FindingKey {
        let cveText = try row.string("cve")
        guard let cve = CVEID(cveText) else { throw StoreError(.corrupt, "cve: not a CVE id: \(cveText)") }
        return FindingKey(
            agency: try row.agency("agency_oid"), host: HostID(try row.string("host")), cve: cve,
            item: ItemVersion(
                product: ProductRef(vendor: try row.string("vendor"), product: try row.string("product")),
                version: try row.string("version")))
    }

    static func historyEntry(_ row: any SQLRow) throws -> HistoryEntry {
        HistoryEntry(
            day: try row.day("day"), actor: try row.string("actor"), action: try row.string("action"),
            from: try row.enumeration("from_state", as: RemediationState.self),
            to: try row.enumeration("to_state", as: RemediationState.self), note: try row.optionalString("note"))
    }

    static func tracked(_ row: any SQLRow, history: [HistoryEntry]) throws -> TrackedRemediation {
        let key = try key(row)
        let length = try row.int("history_length")
        guard length == history.count else {
            throw StoreError(.corrupt, "remediation record \(key): \(history.count) history rows, expected \(length)")
        }
        let evidenceText = try row.string("evidence")
        guard let evidence = try? JSONDecoder().decode([String].self, from: Data(evidenceText.utf8)) else {
            throw StoreError(.corrupt, "evidence of \(key): not a JSON array of strings")
        }
        var acceptance: RiskAcceptance?
        if let approver = try row.optionalString("approver") {
            acceptance = RiskAcceptance(
                approver: approver, reason: try row.optionalString("acceptance_reason") ?? "",
                expires: try row.day("acceptance_expires"))
        }
        let risk = FindingRisk(
            severity: try row.enumeration("severity", as: CVSSSeverity.self),
            baseScore: try row.decodeNil(column: "base_score")
                ? nil : try row.decode(column: "base_score", as: Double.self),
            isKEV: try row.bool("known_exploited"), kevDateAdded: try row.optionalDay("kev_date_added"),
            kevDueDate: try row.optionalDay("kev_due_date"))
        let record = RemediationRecord(
            restoring: key, risk: risk, state: try row.enumeration("state", as: RemediationState.self),
            verified: try row.bool("verified"), firstSeen: try row.day("first_seen"),
            lastSeen: try row.day("last_seen"),
            measure: try row.optionalString("measure"), owner: try row.optionalString("owner"),
            targetDate: try row.optionalDay("target_date"), evidence: evidence, riskAcceptance: acceptance,
            justification: try row.optionalString("justification"),
            decision: try row.optionalString("decision_id").map(Decision.ID.init),
            reappeared: try row.bool("reappeared"),
            reopenedOn: try row.optionalDay("reopened_on"), reopenCount: try row.int("reopen_count"), history: history)
        var deadline: Deadline?
        if let day = try row.optionalDay("deadline") {
            let basisText = try row.string("deadline_basis")
            guard let basis = RecordColumns.basis(basisText) else {
                throw StoreError(.corrupt, "deadline_basis of \(key): \(basisText)")
            }
            deadline = Deadline(
                day: day, clockStart: try row.day("clock_start"), basis: basis,
                pausedDays: Int(try row.optionalInt64("paused_days") ?? 0))
        }
        return TrackedRemediation(
            record: record, deadline: deadline, lastMonth: try row.month("last_month"), storedHistoryCount: length)
    }
}
