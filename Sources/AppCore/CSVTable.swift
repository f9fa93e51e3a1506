import Governance
import Inventory
import VulnModel

/// The administrative CSV files (system lists, agency directories, attestations): a header row naming the columns,
/// in any order and case-insensitively, then one record per row. Cells are read by column name, so that every
/// error can name the line and the column at fault.
struct CSVTable {
    var rows: [Row]

    /// Refuses a column not in `columns`, a missing `required` one, a column named twice and a CSV syntax fault.
    /// Rows whose cells are all empty are skipped.
    init(_ bytes: [UInt8], columns: [String], required: [String]) throws(CSVTableError) {
        var reader = CSVReader(bytes: bytes)
        guard let header = reader.next() else {
            throw CSVTableError(line: 1, column: nil, reason: reader.error.map { "\($0)" } ?? "empty file")
        }
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() {
            let key = name.trimmed.lowercased()
            guard columns.contains(key) else {
                throw CSVTableError(line: header.line, column: name, reason: "unknown column")
            }
            guard index.updateValue(position, forKey: key) == nil else {
                throw CSVTableError(line: header.line, column: name, reason: "column given twice")
            }
        }
        for name in required where index[name] == nil {
            throw CSVTableError(line: header.line, column: name, reason: "missing column")
        }
        var rows: [Row] = []
        while let record = reader.next() {
            if record.fields.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            rows.append(Row(record: record, index: index))
        }
        if let error = reader.error { throw CSVTableError(line: error.line, column: nil, reason: error.reason) }
        self.rows = rows
    }

    struct Row {
        let record: CSVReader.Record
        let index: [String: Int]

        var line: Int { record.line }

        /// The trimmed cell; nil when the column is absent or the cell empty.
        func value(_ column: String) -> String? {
            guard let position = index[column], position < record.fields.count else { return nil }
            let text = record.fields[position].trimmed
            return text.isEmpty ? nil : text
        }

        func fail(_ column: String, _ reason: String) -> CSVTableError {
            CSVTableError(line: record.line, column: column, reason: reason)
        }

        func text(_ column: String) throws(CSVTableError) -> String {
            guard let text = value(column) else { throw fail(column, "empty") }
            return text
        }

        func optionalFlag(_ column: String) throws(CSVTableError) -> Bool? {
            guard let text = value(column) else { return nil }
            switch text.lowercased() {
            case "yes", "y", "true", "1", "是": return true
            case "no", "n", "false", "0", "否": return false
            default: throw fail(column, "not yes/no: \(text)")
            }
        }

        func flag(_ column: String) throws(CSVTableError) -> Bool {
            guard let flag = try optionalFlag(column) else { throw fail(column, "empty") }
            return flag
        }

        func choice<E: RawRepresentable>(_ column: String, _ type: E.Type) throws(CSVTableError) -> E?
        where E.RawValue == String {
            guard let text = value(column) else { return nil }
            guard let parsed = E(rawValue: text.lowercased()) else { throw fail(column, "unknown value \(text)") }
            return parsed
        }

        func day(_ column: String, monthAllowed: Bool = false) throws(CSVTableError) -> Day? {
            guard let text = value(column) else { return nil }
            if let day = Day(iso8601: text), text.utf8.count == 10 { return day }
            if monthAllowed, let month = try? ReportingMonth(parsing: text) { return month.firstDay }
            throw fail(column, "not a date (YYYY-MM-DD\(monthAllowed ? " or YYYY-MM" : "")): \(text)")
        }

        func agency(_ column: String) throws(CSVTableError) -> Agency.ID? {
            guard let text = value(column) else { return nil }
            do { return try Agency.ID(text) } catch { throw fail(column, "\(error)") }
        }
    }
}

/// An administrative CSV file that could not be taken: the line, the column (when one is at fault) and why.
public struct CSVTableError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: String?
    public var reason: String

    public init(line: Int, column: String?, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "line \(line)\(column.map { ", column \($0)" } ?? ""): \(reason)" }
}

extension String {
    var trimmed: String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
