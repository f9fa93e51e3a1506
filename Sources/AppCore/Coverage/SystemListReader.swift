import Governance
import Inventory
import VulnModel

/// Reads an agency's system list (ADR 0020): a CSV with a header row, one row per (system, host). Columns, in any
/// order, names case-insensitive:
///
/// - `system_code` (required): the agency's own code for the system;
/// - `system_name` (required), `core` (required: yes/no, true/false, 1/0, 是/否);
/// - `external_facing` (yes/no, default no), `development` (`self`, `outsourced`, `common`);
/// - `host`: the host id as the agency's uploads name it; empty for a system with no hosts;
/// - `host_kind` (`server`, `user_pc`, `network_device`, `iot`; default `server`), `hostname`, `owner_unit`;
/// - `vans_reported_on`: the day (or `YYYY-MM` month) the host was last reported to VANS, if the agency records it;
/// - `edr_seen_on`: the day the host's EDR agent was last seen;
/// - `evidence`: what establishes those two (default "declared in the system list").
///
/// A system's name and flags must agree on all its rows. Errors name the line and the column.
public struct SystemListReader: Sendable {
    public static let columns = [
        "system_code", "system_name", "core", "external_facing", "development", "host", "host_kind", "hostname",
        "owner_unit", "vans_reported_on", "edr_seen_on", "evidence",
    ]
    static let required = ["system_code", "system_name", "core"]

    public var agency: Agency.ID

    public init(agency: Agency.ID) { self.agency = agency }

    public func read(_ bytes: [UInt8]) throws(SystemListError) -> SystemList {
        var reader = CSVReader(bytes: bytes)
        guard let header = reader.next() else {
            throw SystemListError(line: 1, column: nil, reason: reader.error.map { "\($0)" } ?? "empty file")
        }
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() {
            let key = name.trimmed.lowercased()
            guard Self.columns.contains(key) else {
                throw SystemListError(line: header.line, column: name, reason: "unknown column")
            }
            index[key] = position
        }
        for name in Self.required where index[name] == nil {
            throw SystemListError(line: header.line, column: name, reason: "missing column")
        }
        var systems: [String: InfoSystem] = [:]
        var order: [String] = []
        var hosts: [HostID: Host] = [:]
        var evidence: [HostEvidence] = []
        while let record = reader.next() {
            if record.fields.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            let row = Row(record: record, index: index)
            let code = try row.text("system_code")
            let system = InfoSystem(
                id: InfoSystem.ID(agency: agency, code: code), agency: agency, name: try row.text("system_name"),
                isCore: try row.flag("core"), externalFacing: try row.optionalFlag("external_facing") ?? false,
                development: try row.choice("development", InfoSystem.Development.self), hosts: [])
            if var known = systems[code] {
                guard
                    (known.name, known.isCore, known.externalFacing, known.development)
                        == (system.name, system.isCore, system.externalFacing, system.development)
                else {
                    throw SystemListError(
                        line: record.line, column: "system_code", reason: "\(code) differs from its earlier rows")
                }
                try row.addHost(to: &known, hosts: &hosts, evidence: &evidence)
                systems[code] = known
            } else {
                var added = system
                try row.addHost(to: &added, hosts: &hosts, evidence: &evidence)
                systems[code] = added
                order.append(code)
            }
        }
        if let error = reader.error { throw SystemListError(line: error.line, column: nil, reason: error.reason) }
        return SystemList(
            agency: agency, systems: order.compactMap { systems[$0] }, hosts: hosts.values.sorted { $0.ref < $1.ref },
            evidence: evidence)
    }

    private struct Row {
        let record: CSVReader.Record
        let index: [String: Int]

        func value(_ column: String) -> String? {
            guard let position = index[column], position < record.fields.count else { return nil }
            let text = record.fields[position].trimmed
            return text.isEmpty ? nil : text
        }

        func fail(_ column: String, _ reason: String) -> SystemListError {
            SystemListError(line: record.line, column: column, reason: reason)
        }

        func text(_ column: String) throws(SystemListError) -> String {
            guard let text = value(column) else { throw fail(column, "empty") }
            return text
        }

        func optionalFlag(_ column: String) throws(SystemListError) -> Bool? {
            guard let text = value(column) else { return nil }
            switch text.lowercased() {
            case "yes", "y", "true", "1", "是": return true
            case "no", "n", "false", "0", "否": return false
            default: throw fail(column, "not yes/no: \(text)")
            }
        }

        func flag(_ column: String) throws(SystemListError) -> Bool {
            guard let flag = try optionalFlag(column) else { throw fail(column, "empty") }
            return flag
        }

        func choice<E: RawRepresentable>(_ column: String, _ type: E.Type) throws(SystemListError) -> E?
        where E.RawValue == String {
            guard let text = value(column) else { return nil }
            guard let parsed = E(rawValue: text.lowercased()) else { throw fail(column, "unknown value \(text)") }
            return parsed
        }

        func day(_ column: String, monthAllowed: Bool) throws(SystemListError) -> Day? {
            guard let text = value(column) else { return nil }
            if let day = Day(iso8601: text) { return day }
            if monthAllowed, let month = try? ReportingMonth(parsing: text) { return month.firstDay }
            throw fail(column, "not a date (YYYY-MM-DD\(monthAllowed ? " or YYYY-MM" : "")): \(text)")
        }

        func addHost(to system: inout InfoSystem, hosts: inout [HostID: Host], evidence: inout [HostEvidence])
            throws(SystemListError)
        {
            guard let name = value("host") else {
                for column in ["host_kind", "hostname", "owner_unit", "vans_reported_on", "edr_seen_on"]
                where value(column) != nil {
                    throw fail(column, "given without a host")
                }
                return
            }
            let ref = HostRef(agency: system.agency, host: HostID(name))
            let host = Host(
                ref: ref, kind: try choice("host_kind", Host.Kind.self) ?? .server, hostname: value("hostname"),
                ownerUnit: value("owner_unit"))
            if let known = hosts[ref.host], known != host {
                throw fail("host", "\(name) is described differently on an earlier row")
            }
            hosts[ref.host] = host
            if !system.hosts.contains(ref) { system.hosts.append(ref) }
            let note = value("evidence") ?? "declared in the system list"
            if let day = try day("vans_reported_on", monthAllowed: true) {
                evidence.append(HostEvidence(host: ref, mechanism: .vans, observedOn: day, evidence: note))
            }
            if let day = try day("edr_seen_on", monthAllowed: false) {
                evidence.append(HostEvidence(host: ref, mechanism: .edr, observedOn: day, evidence: note))
            }
        }
    }
}

/// A system list that could not be read: the line, the column (when one is at fault) and why.
public struct SystemListError: Error, Hashable, Sendable, CustomStringConvertible {
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
    fileprivate var trimmed: String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
