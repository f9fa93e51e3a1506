import Foundation
import Governance
import Identification
import Inventory
import TestSupport
import Testing

@testable import AppCore

/// The upload processor keeps each row's catalogue hits with the snapshot row (R28 follows them from there), the
/// same rows the conversion report counts as prohibited.
struct SnapshotRowHitsTests {
    @Test func eachRowCarriesItsEntries() async throws {
        let fixture = "Prohibition/vans-with-prohibited.csv"
        let bytes = try SharedData.bytes(at: SharedData.fixture(fixture))
        var pieces: [[UInt8]] = [bytes]
        let identified = try await BatchIdentifier(identifier: BatchIdentifierTests.identifier).readAndIdentify(
            reader: InventoryReader(fileName: fixture)
        ) { pieces.popLast() }
        let rows = UploadProcessor.snapshotRows(identified)
        let hits = rows.map { "\($0.host?.rawValue ?? "-") \($0.assetName): \($0.prohibited.map(\.rawValue))" }
        #expect(
            hits == [
                "PC-0042 福昕閱讀器: [\"foxit\"]", "PC-0042 7-Zip 23.01 (x64): []", "PC-0043 AnyDesk: [\"anydesk\"]",
                "PC-0043 福昕閱讀器: [\"foxit\"]", "PC-0043 Git: []",
            ])
        #expect(rows.filter { !$0.prohibited.isEmpty }.count == identified.report.prohibitedRows)
    }
}
