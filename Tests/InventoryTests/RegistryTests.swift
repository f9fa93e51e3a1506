import Inventory
import TestSupport
import Testing

@Suite(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
struct RegistryExportTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        /// Uninstall subkeys with a non-empty DisplayName, counted independently (grep of the UTF-8 conversion:
        /// the XP export has 419 DisplayName values, one of them empty, which Windows does not list either).
        let displayNames: Int
        let patches: Int
        let records: Int
        let systemComponents: Int
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(
            file: "inventory/glpi-agent_xp-Uninstall.reg.gz", displayNames: 418, patches: 325, records: 93,
            systemComponents: 31),
        Case(
            file: "inventory/glpi-agent_mssql-Uninstall.reg.gz", displayNames: 7, patches: 0, records: 7,
            systemComponents: 0),
        Case(
            file: "inventory/glpi-agent_10_russian-Uninstall.reg.gz", displayNames: 2, patches: 0, records: 2,
            systemComponents: 0),
    ]

    @Test(arguments: cases) func countsEveryDisplayName(_ testCase: Case) throws {
        let bytes = try SharedData.bytes(testCase.file)
        #expect(bytes.starts(with: [0xFF, 0xFE]))
        let file = try InventoryReader.read(bytes, fileName: testCase.file)
        #expect(file.summary.format == .windowsRegistry)
        #expect(file.summary.encoding == .utf16LE)
        #expect(file.issues == [])
        #expect(file.records.count == testCase.records)
        #expect(file.summary.skipped[.patch, default: 0] == testCase.patches)
        #expect(file.records.count + testCase.patches == testCase.displayNames)
        #expect(file.records.filter(\.isSystemComponent).count == testCase.systemComponents)
        #expect(file.records.allSatisfy { $0.format == .windowsRegistry && !$0.name.isEmpty })
    }

    @Test func spotChecksTheXPExport() throws {
        let file = try InventoryReader.read(SharedData.bytes("inventory/glpi-agent_xp-Uninstall.reg.gz"))
        let shockwave = try #require(file.records.first)
        #expect(shockwave.name == "Adobe Shockwave Player 11")
        #expect(shockwave.publisher == "Adobe Systems, Inc.")
        #expect(shockwave.version == "11")
        #expect(shockwave.row == 10)
        let office = file.records.filter { $0.name.hasPrefix("Microsoft Office") }
        #expect(
            office.contains { $0.name == "Microsoft Office Professional Plus 2010" && $0.version == "14.0.6029.1000" })
        #expect(office.count == 18)
        #expect(file.records.contains { $0.name == "Mozilla Firefox 10.0.2 (x86 en-US)" && $0.version == "10.0.2" })
        // Updates that are entries of their own (no ParentKeyName, no ReleaseType) stay: Windows lists them too.
        #expect(file.records.contains { $0.name == "MSXML 4.0 SP2 (KB973688)" && $0.version == "4.20.9876.0" })
        #expect(!file.records.contains { $0.name.hasPrefix("Security Update for Microsoft Office") })
        #expect(file.summary.skipped[.noDisplayName, default: 0] > 0)
    }

    @Test func readsCyrillicAndExpandableStrings() throws {
        let file = try InventoryReader.read(SharedData.bytes("inventory/glpi-agent_10_russian-Uninstall.reg.gz"))
        let crypto = try #require(file.records.first { $0.publisher == "Компания КриптоПро" })
        #expect(crypto.name == "КриптоПро CSP")
        #expect(crypto.version == "5.0.12000")
    }
}
