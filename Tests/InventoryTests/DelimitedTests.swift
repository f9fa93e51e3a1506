import Inventory
import TestSupport
import Testing

@Suite struct GenericCSVTests {
    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
    func readsTheRealWindowsARPSamples() throws {
        let file = try InventoryReader.read(
            SharedData.bytes("inventory/windows_arp_samples.csv"), fileName: "windows_arp_samples.csv")
        #expect(file.summary.format == .genericCSV)
        #expect(file.summary.encoding == .utf8)
        #expect(file.records.count == 157)
        #expect(file.issues.count == 3)
        #expect(file.issues.allSatisfy { $0.reason == "no name and no CPE" && $0.severity == .error })
        let firefox = try #require(file.records.first { $0.name == "Mozilla Firefox 57.0.2 (fr)" })
        #expect(firefox.publisher == "Mozilla")
        #expect(firefox.version == "57.0.2")
        let office = try #require(file.records.first { $0.name == "Microsoft 365 Apps 企業版 - zh-tw" })
        #expect(office.locale == "zh-TW")
        #expect(file.records.first?.name == "Adobe Shockwave Player 11")
        #expect(file.records.first?.publisher == "Adobe Systems, Inc.")
        #expect(file.records.first?.row == 2)
        #expect(file.records.allSatisfy { $0.cpe == nil })
    }
}
