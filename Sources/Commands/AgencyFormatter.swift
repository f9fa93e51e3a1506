import AppCore
import Governance
import JSON

/// The agency directory as text: a table, CSV in the columns `vans agencies import` reads (so a listing can be
/// edited and imported again), or JSON with every level assignment. No trailing line end (the console adds it).
enum AgencyFormatter {
    static func render(_ agencies: [Agency], format: AgenciesCommand.List.Format) -> String {
        let header = AgencyListReader.columns
        let rows = agencies.map(fields)
        switch format {
        case .table:
            let shown = ["oid", "name_zh", "tier", "kind", "county", "supervisor_oid", "level", "level_date"]
            let columns = shown.compactMap { header.firstIndex(of: $0) }
            return String(
                TableLayout.render(header: shown, rows: rows.map { row in columns.map { row[$0] } }).dropLast())
        case .csv:
            return TableLayout.csv(header: header, rows: rows)
        case .json:
            var writer = JSONWriter()
            writer.beginArray()
            for (agency, row) in zip(agencies, rows) {
                writer.beginObject()
                for (name, value) in zip(header, row) where !name.hasPrefix("level") {
                    writer.key(name)
                    if name == "mail_server" {
                        writer.bool(agency.hasMailServer)
                    } else if value.isEmpty {
                        writer.null()
                    } else {
                        writer.string(value)
                    }
                }
                writer.key("levels")
                writer.beginArray()
                for assignment in agency.levels.assignments {
                    writer.beginObject()
                    writer.key("level")
                    writer.string(assignment.level.rawValue)
                    writer.key("effective")
                    writer.string(assignment.effective.description)
                    writer.key("reference")
                    if let reference = assignment.reference { writer.string(reference) } else { writer.null() }
                    writer.endObject()
                }
                writer.endArray()
                writer.endObject()
            }
            writer.endArray()
            return String(decoding: writer.take(), as: UTF8.self)
        }
    }

    /// One agency in `AgencyListReader.columns` order, with its current (latest) level.
    static func fields(_ agency: Agency) -> [String] {
        let supervisor: String =
            switch agency.supervisor {
            case .nation: "nation"
            case .agency(let parent): parent.rawValue
            }
        let current = agency.levels.current
        return [
            agency.id.rawValue, agency.nameZh, agency.nameEn ?? "", agency.tier.rawValue, agency.kind.rawValue,
            agency.localGovernment?.rawValue ?? "", supervisor, current?.level.rawValue ?? "",
            current?.effective.description ?? "", current?.reference ?? "", agency.hasMailServer ? "yes" : "no",
            agency.governs?.rawValue ?? "",
        ]
    }
}
