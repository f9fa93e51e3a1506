import Governance
import VulnModel

/// One row of an attestation file, with its line so that a later refusal (an unknown system) can name it.
public struct AttestationRow: Hashable, Sendable {
    public var line: Int
    public var attestation: SystemAttestation

    public init(line: Int, attestation: SystemAttestation) {
        self.line = line
        self.attestation = attestation
    }
}

/// Reads a file of system attestations (`vans systems attest`, R30): a CSV with a header row, one attestation per
/// row, every column required: `agency` (OID), `system_code`, `mechanism` (`vans` or `edr`), `covered` (yes/no),
/// `attested_on` (YYYY-MM-DD), `attested_by`, `evidence`. One system, mechanism and day appear once; errors name
/// the line and the column.
public enum AttestationListReader {
    public static let columns = [
        "agency", "system_code", "mechanism", "covered", "attested_on", "attested_by", "evidence",
    ]

    public static func read(_ bytes: [UInt8]) throws(CSVTableError) -> [AttestationRow] {
        let table = try CSVTable(bytes, columns: columns, required: columns)
        var lines: [String: Int] = [:]
        var rows: [AttestationRow] = []
        for row in table.rows {
            guard let agency = try row.agency("agency") else { throw row.fail("agency", "empty") }
            guard let mechanism = try row.choice("mechanism", CoverageMechanism.self) else {
                throw row.fail("mechanism", "empty")
            }
            guard let day = try row.day("attested_on") else { throw row.fail("attested_on", "empty") }
            let code = try row.text("system_code")
            let attestation = SystemAttestation(
                system: InfoSystem.ID(agency: agency, code: code), mechanism: mechanism,
                covered: try row.flag("covered"), attestedOn: day, attestedBy: try row.text("attested_by"),
                evidence: try row.text("evidence"))
            let key = "\(attestation.system.rawValue) \(mechanism.rawValue) \(day)"
            if let earlier = lines.updateValue(row.line, forKey: key) {
                throw row.fail(
                    "attested_on", "\(code) already has a \(mechanism.rawValue) attestation on \(day) (line \(earlier))"
                )
            }
            rows.append(AttestationRow(line: row.line, attestation: attestation))
        }
        return rows
    }
}
