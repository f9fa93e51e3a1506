import AppCore
import Governance
import JSON
import VulnModel

/// Removal tasks and the register as text: a table for terminals, CSV with a header, or a JSON array. No trailing
/// line end (the console adds it).
enum RemovalTaskFormatter {
    static let header = [
        "entry", "agency", "status", "created", "due", "closed", "days_overdue", "outstanding", "hosts",
    ]

    static func render(_ tasks: [TrackedRemovalTask], format: ProhibitedCommand.Tasks.Format, today: Day) -> String {
        let rows = tasks.map { fields($0.task, today: today) }
        switch format {
        case .table:
            return String(TableLayout.render(header: header, rows: rows).dropLast())
        case .csv:
            return TableLayout.csv(header: header, rows: rows)
        case .json:
            var writer = JSONWriter()
            writer.beginArray()
            for row in rows {
                writer.beginObject()
                for (name, value) in zip(header, row) {
                    writer.key(name)
                    if ["days_overdue", "outstanding"].contains(name), let number = Int(value) {
                        writer.number(number)
                    } else if value.isEmpty {
                        writer.null()
                    } else {
                        writer.string(value)
                    }
                }
                writer.endObject()
            }
            writer.endArray()
            return String(decoding: writer.take(), as: UTF8.self)
        }
    }

    static func fields(_ task: RemovalTask, today: Day) -> [String] {
        let closed: String =
            switch task.status {
            case .open: ""
            case .completed(let day): day.description
            case .exception(let approval): approval.expires.map { "exception until \($0)" } ?? "exception"
            }
        let overdue = task.isOverdue(on: today) ? String(today.daysSinceEpoch - task.dueDate.daysSinceEpoch) : ""
        let hosts = Set(task.outstanding.map(\.host.host.rawValue)).sorted().joined(separator: " ")
        return [
            task.entry.rawValue, task.agency.rawValue, task.status.name, task.createdOn.description,
            task.dueDate.description, closed, overdue, String(task.outstanding.count), hosts,
        ]
    }

    /// R27's fields: product, location, connectivity, measures applied and missing, replacement date, approvals.
    static func register(_ approvals: [ExceptionApproval], today: Day) -> String {
        let header = [
            "entry", "agency", "product", "location", "connectivity", "measures", "missing", "replacement", "ciso",
            "authority", "expires", "in_force",
        ]
        let rows = approvals.map { approval in
            let product = approval.registration
            return [
                product.entry.rawValue, product.agency.rawValue, product.product, product.location,
                product.connectivity.rawValue, product.measures.map(\.rawValue).sorted().joined(separator: " "),
                product.missingMeasures.map(\.rawValue).joined(separator: " "),
                product.replacementDate?.description ?? "", approval.cisoApproval, approval.competentAuthorityApproval,
                approval.expires?.description ?? "", approval.isInForce(on: today) ? "yes" : "lapsed",
            ]
        }
        return String(TableLayout.render(header: header, rows: rows).dropLast())
    }
}
