import Governance
import VulnModel

/// One row of an agency directory file: the agency as the file describes it (no units, no level history) and the
/// level assignment the row states, if any.
public struct AgencyListRow: Hashable, Sendable {
    public var line: Int
    public var agency: Agency
    public var level: LevelAssignment?

    public init(line: Int, agency: Agency, level: LevelAssignment?) {
        self.line = line
        self.agency = agency
        self.level = level
    }
}

/// Reads an agency directory file (`vans agencies import`): a CSV with a header row, one row per agency. Columns,
/// in any order, names case-insensitive:
///
/// - `oid` (required), `name_zh` (required), `name_en`;
/// - `tier` (required): `central`, `municipal`, `county_city`, `township` (or 中央, 直轄市, 縣市, 鄉鎮市);
/// - `kind`: `public` (default), `ci_provider`, `soe`, `foundation`, `admin_corp`;
/// - `county`: the city or county the agency belongs to (臺北市 … 連江縣; 台 for 臺 is accepted);
/// - `supervisor_oid`: the supervising agency; empty or `nation` for the top (ACS);
/// - `level` (A–E) with `level_date` (YYYY-MM-DD, the day it took effect) and optionally `level_reference`;
/// - `mail_server` (yes/no, default no), `governs`: the city or county this agency is the government of.
///
/// Checks within the file only (a supervisor may be stored rather than in the file: `AgencyImporter` checks that);
/// errors name the line and the column.
public enum AgencyListReader {
    public static let columns = [
        "oid", "name_zh", "name_en", "tier", "kind", "county", "supervisor_oid", "level", "level_date",
        "level_reference", "mail_server", "governs",
    ]
    static let required = ["oid", "name_zh", "tier"]

    static let tierNames: [String: Agency.Tier] = [
        "中央": .central, "直轄市": .municipal, "縣市": .countyCity, "鄉鎮市": .township,
    ]

    public static func read(_ bytes: [UInt8]) throws(CSVTableError) -> [AgencyListRow] {
        let table = try CSVTable(bytes, columns: columns, required: required)
        var lines: [Agency.ID: Int] = [:]
        var rows: [AgencyListRow] = []
        for row in table.rows {
            let parsed = try read(row)
            if let earlier = lines.updateValue(row.line, forKey: parsed.agency.id) {
                throw row.fail("oid", "\(parsed.agency.id) is also on line \(earlier)")
            }
            rows.append(parsed)
        }
        return rows
    }

    private static func read(_ row: CSVTable.Row) throws(CSVTableError) -> AgencyListRow {
        guard let id = try row.agency("oid") else { throw row.fail("oid", "empty") }
        let tierText = try row.text("tier")
        guard let tier = Agency.Tier(rawValue: tierText.lowercased()) ?? tierNames[tierText] else {
            throw row.fail("tier", "unknown tier \(tierText) (central, municipal, county_city, township)")
        }
        let supervisor: Supervisor
        if let text = row.value("supervisor_oid"), text.lowercased() != "nation" {
            guard let parent = try row.agency("supervisor_oid") else { throw row.fail("supervisor_oid", "empty") }
            guard parent != id else { throw row.fail("supervisor_oid", "\(id) cannot supervise itself") }
            supervisor = .agency(parent)
        } else {
            supervisor = .nation
        }
        let agency = Agency(
            id: id, nameZh: try row.text("name_zh"), nameEn: row.value("name_en"), tier: tier,
            kind: try row.choice("kind", Agency.Kind.self) ?? .public,
            localGovernment: try government(row, "county"), supervisor: supervisor,
            hasMailServer: try row.optionalFlag("mail_server") ?? false, governs: try government(row, "governs"))
        return AgencyListRow(line: row.line, agency: agency, level: try level(row))
    }

    private static func government(_ row: CSVTable.Row, _ column: String) throws(CSVTableError) -> LocalGovernment? {
        guard let text = row.value(column) else { return nil }
        guard let government = LocalGovernment(name: text) else {
            throw row.fail(column, "unknown city or county \(text)")
        }
        return government
    }

    private static func level(_ row: CSVTable.Row) throws(CSVTableError) -> LevelAssignment? {
        let day = try row.day("level_date")
        guard let text = row.value("level") else {
            if day != nil { throw row.fail("level", "empty, but level_date is given") }
            if row.value("level_reference") != nil { throw row.fail("level", "empty, but level_reference is given") }
            return nil
        }
        guard let level = SecurityLevel(rawValue: text.uppercased()) else {
            throw row.fail("level", "unknown level \(text) (A–E)")
        }
        guard let day else { throw row.fail("level_date", "empty: a level needs the day it took effect") }
        return LevelAssignment(level: level, effective: day, reference: row.value("level_reference"))
    }
}
