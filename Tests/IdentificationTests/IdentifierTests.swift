import Foundation
import Identification
import Inventory
import TestSupport
import Testing

/// Rows as agencies upload them, zh-TW names first: the committed fixture says what each row must become.
@Suite(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
struct IdentifierTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var record: InventoryRecord
        var expected: String
        var testDescription: String { record.name }
    }

    static let rows: [Row] = {
        guard let bytes = try? SharedData.bytes(at: SharedData.fixture("Identification/zh-tw-inventory.csv")) else {
            return []
        }
        var reader = CSVReader(bytes: bytes)
        _ = reader.next()
        var rows: [Row] = []
        while let record = reader.next() {
            let f = record.fields
            guard f.count == 5 else { continue }
            let row = InventoryRecord(
                row: record.line, name: f[0], publisher: f[1].isEmpty ? nil : f[1], version: f[2].isEmpty ? nil : f[2],
                cpe: f[3].isEmpty ? nil : f[3], format: .vansCSV)
            rows.append(Row(record: row, expected: f[4]))
        }
        return rows
    }()

    @Test(arguments: rows) func identifies(_ row: Row) {
        let resolution = IdentificationData.identifier.identify(row.record)
        if row.expected.hasPrefix("failure:") {
            #expect(resolution.cpe == nil, "\(resolution.reason)")
            #expect(resolution.failure?.rawValue == String(row.expected.dropFirst(8)), "\(resolution.reason)")
        } else {
            #expect(resolution.cpe?.formattedString == row.expected, "\(resolution.reason)")
            #expect(resolution.confidence > 0.7)
        }
    }

    @Test func debianVersionsBecomeUpstream() {
        let resolution = IdentificationData.identifier.identify(
            name: "openssl", version: "1:1.1.1w-0+deb11u1", format: .dpkg)
        #expect(resolution.cpe?.formattedString == "cpe:2.3:a:openssl:openssl:1.1.1w:*:*:*:*:*:*:*")
    }

    @Test func windowsArchitectureBecomesTargetHardware() {
        let resolution = IdentificationData.identifier.identify(
            name: "Microsoft Windows 10 Enterprise", version: "10.0.19045.3570", architecture: "x64")
        #expect(
            resolution.cpe?.formattedString == "cpe:2.3:o:microsoft:windows_10_22h2:10.0.19045.3570:*:*:*:*:*:x64:*")
    }

    @Test func confirmedMappingsComeFirst() throws {
        let product = try #require(ProductKey("a:cht:hicos_pki_smart_card_client"))
        let mapping = ConfirmedMapping(
            name: "HiCOS PKI Smart Card Client", publisher: "內政部憑證管理中心", versionPattern: "3.*", product: product,
            reviewer: "reviewer@example.gov.tw")
        let identifier = SoftwareIdentifier(
            vocabulary: IdentificationData.vocabulary, aliases: IdentificationData.aliases, confirmed: [mapping])
        let hit = identifier.identify(
            name: "HiCOS PKI Smart Card Client (x64)", publisher: "內政部憑證管理中心", version: "3.1.0")
        #expect(hit.method == .confirmed)
        #expect(hit.confidence == 1)
        #expect(hit.cpe?.formattedString == "cpe:2.3:a:cht:hicos_pki_smart_card_client:3.1.0:*:*:*:*:*:*:*")
        let otherVersion = identifier.identify(
            name: "HiCOS PKI Smart Card Client", publisher: "內政部憑證管理中心", version: "2.1")
        #expect(otherVersion.method != .confirmed)
    }

    /// R13 and R26 together: one file's conversion report counts rows, conversions, failures by code and
    /// catalogue hits by category; duplicates are identified once.
    @Test func conversionReport() {
        var records = Self.rows.map(\.record)
        records += records
        records.append(InventoryRecord(row: 1000, name: "抖音", format: .vansCSV))
        records.append(
            InventoryRecord(row: 1001, name: "iTunes", publisher: "Apple Inc.", version: "12.13.1.3", format: .vansCSV))
        let inventory = InventoryIdentifier(
            identifier: IdentificationData.identifier,
            checker: ProhibitedChecker(catalogue: IdentificationData.catalogue))
        let (rows, report) = inventory.identify(records)
        #expect(rows.count == records.count)
        #expect(report.rows == records.count)
        #expect(report.converted + report.failedRows == report.rows)
        #expect(report.distinctKeys == Self.rows.count + 2)
        #expect(report.failed[.zhNameNoAlias] == 2 * 2 + 1)
        #expect(report.failed[.malformedCPE] == 2)
        #expect(report.prohibitedByCategory[.remoteAccessTool] == 2)
        #expect(report.prohibitedByCategory[.mainlandServiceApp] == 1)
        #expect(report.prohibitedByCategory[.nonOfficialSoftware] == 1)
        #expect(report.prohibitedByCategory[.mainlandBrandSoftware] ?? 0 >= 4)
    }
}
