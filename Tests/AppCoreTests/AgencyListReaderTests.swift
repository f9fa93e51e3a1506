import AppCore
import Foundation
import Governance
import TestSupport
import Testing
import VulnModel

/// The agency directory and attestation files (`vans agencies import`, `vans systems attest`): the committed
/// samples, and every refusal the file alone can show, naming its line and column.
@Suite struct AgencyListReaderTests {
    static let header = "oid,name_zh,tier,kind,county,supervisor_oid,level,level_date,mail_server\n"

    @Test func theSampleDirectoryReads() throws {
        let bytes = [UInt8](try Data(contentsOf: SharedData.packageRoot.appendingPathComponent("Samples/agencies.csv")))
        let rows = try AgencyListReader.read(bytes)
        #expect(rows.map(\.line) == [2, 3, 4, 5])
        let county = rows[1].agency
        #expect(county.nameZh == "花蓮縣政府" && county.tier == .countyCity && county.governs == .hualien)
        #expect(county.localGovernment == .hualien && county.hasMailServer && county.supervisor == .nation)
        #expect(rows[1].level == LevelAssignment(level: .a, effective: try #require(Day(iso8601: "2021-08-23"))))
        #expect(rows[2].agency.supervisor == .agency(county.id))
        #expect(rows[3].agency.tier == .township && rows[3].level?.level == .d && !rows[3].agency.hasMailServer)
    }

    @Test func aByteOrderMarkAndChineseTierNamesAreAccepted() throws {
        let text = "\u{FEFF}OID,Name_ZH,Tier,County\n2.16.886.101.90001,花蓮縣政府,縣市,花蓮縣\n2.16.886.101.5,臺北市政府,直轄市,台北市\n"
        let rows = try AgencyListReader.read(Array(text.utf8))
        #expect(rows.map(\.agency.tier) == [.countyCity, .municipal])
        #expect(rows.map(\.agency.localGovernment) == [.hualien, .taipei])
        #expect(rows.allSatisfy { $0.level == nil && $0.agency.supervisor == .nation && $0.agency.kind == .public })
    }

    @Test(arguments: [
        ("2.16.886.101.01,甲,central,,,,,,\n", 2, "oid"),
        ("2.16.886.101.1,甲,federal,,,,,,\n", 2, "tier"),
        ("2.16.886.101.1,甲,central,ngo,,,,,\n", 2, "kind"),
        ("2.16.886.101.1,甲,township,,天龍縣,,,,\n", 2, "county"),
        ("2.16.886.101.1,甲,central,,,,F,2024-01-01,\n", 2, "level"),
        ("2.16.886.101.1,甲,central,,,,B,2024-02-30,\n", 2, "level_date"),
        ("2.16.886.101.1,甲,central,,,,B,,\n", 2, "level_date"),
        ("2.16.886.101.1,甲,central,,,,,2024-01-01,\n", 2, "level"),
        ("2.16.886.101.1,甲,central,,,2.16.886.x,,,\n", 2, "supervisor_oid"),
        ("2.16.886.101.1,甲,central,,,2.16.886.101.1,,,\n", 2, "supervisor_oid"),
        ("2.16.886.101.1,甲,central,,,,,,maybe\n", 2, "mail_server"),
        ("2.16.886.101.1,甲,central,,,,,,\n2.16.886.101.2,乙,central,,,,,,\n2.16.886.101.1,丙,central,,,,,,\n", 4, "oid"),
        (",甲,central,,,,,,\n", 2, "oid"),
        ("2.16.886.101.1,,central,,,,,,\n", 2, "name_zh"),
    ])
    func badRowsAreRefusedWithLineAndColumn(body: String, line: Int, column: String) {
        #expect {
            try AgencyListReader.read(Array((Self.header + body).utf8))
        } throws: { error in
            guard let error = error as? CSVTableError else { return false }
            return error.line == line && error.column == column
        }
    }

    @Test func anUnknownOrMissingColumnIsRefused() {
        #expect(throws: CSVTableError(line: 1, column: "contact", reason: "unknown column")) {
            try AgencyListReader.read(Array("oid,name_zh,tier,contact\n".utf8))
        }
        #expect(throws: CSVTableError(line: 1, column: "tier", reason: "missing column")) {
            try AgencyListReader.read(Array("oid,name_zh\n".utf8))
        }
    }

    @Test func theSampleAttestationsRead() throws {
        let bytes = [UInt8](
            try Data(contentsOf: SharedData.packageRoot.appendingPathComponent("Samples/attestations.csv")))
        let rows = try AttestationListReader.read(bytes)
        #expect(rows.map(\.attestation.system.rawValue) == ["2.16.886.101.20007#ARCH", "2.16.886.101.20007#ARCH"])
        #expect(rows.map(\.attestation.mechanism) == [.vans, .edr])
        #expect(rows.map(\.attestation.covered) == [true, false])
        #expect(rows[0].attestation.evidence.contains("ticket IT-2024-031"))
    }

    @Test(arguments: [
        ("x,ARCH,vans,yes,2024-03-20,王,e\n", 2, "agency"),
        ("2.16.886.101.1,ARCH,antivirus,yes,2024-03-20,王,e\n", 2, "mechanism"),
        ("2.16.886.101.1,ARCH,vans,perhaps,2024-03-20,王,e\n", 2, "covered"),
        ("2.16.886.101.1,ARCH,vans,yes,2024/03/20,王,e\n", 2, "attested_on"),
        ("2.16.886.101.1,ARCH,vans,yes,2024-03-20,,e\n", 2, "attested_by"),
        ("2.16.886.101.1,ARCH,vans,yes,2024-03-20,王,\n", 2, "evidence"),
        ("2.16.886.101.1,ARCH,vans,yes,2024-03-20,王,e\n2.16.886.101.1,ARCH,vans,no,2024-03-20,李,f\n", 3, "attested_on"),
    ])
    func badAttestationsAreRefusedWithLineAndColumn(body: String, line: Int, column: String) {
        let header = "agency,system_code,mechanism,covered,attested_on,attested_by,evidence\n"
        #expect {
            try AttestationListReader.read(Array((header + body).utf8))
        } throws: { error in
            guard let error = error as? CSVTableError else { return false }
            return error.line == line && error.column == column
        }
    }
}
