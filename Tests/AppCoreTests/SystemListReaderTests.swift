import AppCore
import Foundation
import Governance
import TestSupport
import Testing
import VulnModel

/// The system list `vans systems import` reads (ADR 0020): the committed sample, and every refusal naming its
/// line and column.
@Suite struct SystemListReaderTests {
    static let agency = (try? Agency.ID("2.16.886.101.90021")) ?? { preconditionFailure("fixture OID") }()

    @Test func theSampleListReadsWithHostsFlagsAndDatedEvidence() throws {
        let bytes = [UInt8](try Data(contentsOf: SharedData.fixture("Coverage/systems.csv")))
        let list = try SystemListReader(agency: Self.agency).read(bytes)
        #expect(
            list.systems.map(\.id.rawValue) == [
                "2.16.886.101.90021#HIS", "2.16.886.101.90021#WEB", "2.16.886.101.90021#ARCH",
            ])
        #expect(list.systems.map(\.isCore) == [true, false, true])
        #expect(list.systems[0].hosts.map(\.host.rawValue) == ["srv-his-01", "db-his-01"])
        #expect(list.systems[0].development == .outsourced)
        #expect(list.systems[1].name == "官網（對外, 公開）" && list.systems[1].externalFacing)
        #expect(list.systems[2].hosts.isEmpty)
        #expect(list.hosts.count == 3)
        #expect(list.hosts.first { $0.ref.host.rawValue == "web-01" }?.hostname == "www.example.gov.tw")
        let vans = list.evidence.filter { $0.mechanism == .vans }
        #expect(vans.map(\.observedOn.description).sorted() == ["2024-03-01", "2024-03-01"])
        #expect(list.evidence.filter { $0.mechanism == .edr }.count == 2)
        #expect(list.evidence.first { $0.host.host.rawValue == "web-01" }?.evidence == "declared in the system list")
    }

    @Test(arguments: [
        ("system_code,system_name\nA,a\n", 1, "core", "missing column"),
        ("system_code,system_name,core,colour\n", 1, "colour", "unknown column"),
        ("system_code,system_name,core\nA,a,maybe\n", 2, "core", "not yes/no: maybe"),
        ("system_code,system_name,core\n,a,yes\n", 2, "system_code", "empty"),
        (
            "system_code,system_name,core,host\nA,a,yes,h1\nA,b,yes,h2\n", 3, "system_code",
            "A differs from its earlier rows"
        ),
        (
            "system_code,system_name,core,host,edr_seen_on\nA,a,yes,h1,2024-13-01\n", 2, "edr_seen_on",
            "not a date (YYYY-MM-DD): 2024-13-01"
        ),
        (
            "system_code,system_name,core,host,edr_seen_on\nA,a,yes,,2024-01-01\n", 2, "edr_seen_on",
            "given without a host"
        ),
        (
            "system_code,system_name,core,host,host_kind\nA,a,yes,h1,mainframe\n", 2, "host_kind",
            "unknown value mainframe"
        ),
        (
            "system_code,system_name,core,host,host_kind\nA,a,yes,h1,server\nB,b,yes,h1,iot\n", 3, "host",
            "h1 is described differently on an earlier row"
        ),
    ])
    func badListsAreRefusedWithLineAndColumn(text: String, line: Int, column: String, reason: String) {
        #expect(throws: CSVTableError(line: line, column: column, reason: reason)) {
            try SystemListReader(agency: Self.agency).read(Array(text.utf8))
        }
    }
}
