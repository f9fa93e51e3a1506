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

    public func read(_ bytes: [UInt8]) throws(CSVTableError) -> SystemList {
        try read(CSVTable(bytes, columns: Self.columns, required: Self.required))
    }

    private func read(_ table: CSVTable) throws(CSVTableError) -> SystemList {
        var systems: [String: InfoSystem] = [:]
        var order: [String] = []
        var hosts: [HostID: Host] = [:]
        var evidence: [HostEvidence] = []
        for row in table.rows {
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
                    throw row.fail("system_code", "\(code) differs from its earlier rows")
                }
                try Self.addHost(row, to: &known, hosts: &hosts, evidence: &evidence)
                systems[code] = known
            } else {
                var added = system
                try Self.addHost(row, to: &added, hosts: &hosts, evidence: &evidence)
                systems[code] = added
                order.append(code)
            }
        }
        return SystemList(
            agency: agency, systems: order.compactMap { systems[$0] }, hosts: hosts.values.sorted { $0.ref < $1.ref },
            evidence: evidence)
    }

    private static func addHost(
        _ row: CSVTable.Row, to system: inout InfoSystem, hosts: inout [HostID: Host], evidence: inout [HostEvidence]
    ) throws(CSVTableError) {
        guard let name = row.value("host") else {
            for column in ["host_kind", "hostname", "owner_unit", "vans_reported_on", "edr_seen_on"]
            where row.value(column) != nil {
                throw row.fail(column, "given without a host")
            }
            return
        }
        let ref = HostRef(agency: system.agency, host: HostID(name))
        let host = Host(
            ref: ref, kind: try row.choice("host_kind", Host.Kind.self) ?? .server, hostname: row.value("hostname"),
            ownerUnit: row.value("owner_unit"))
        if let known = hosts[ref.host], known != host {
            throw row.fail("host", "\(name) is described differently on an earlier row")
        }
        hosts[ref.host] = host
        if !system.hosts.contains(ref) { system.hosts.append(ref) }
        let note = row.value("evidence") ?? "declared in the system list"
        if let day = try row.day("vans_reported_on", monthAllowed: true) {
            evidence.append(HostEvidence(host: ref, mechanism: .vans, observedOn: day, evidence: note))
        }
        if let day = try row.day("edr_seen_on") {
            evidence.append(HostEvidence(host: ref, mechanism: .edr, observedOn: day, evidence: note))
        }
    }
}
