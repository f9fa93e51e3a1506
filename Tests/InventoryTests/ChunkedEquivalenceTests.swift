import Foundation
import Inventory
import TestSupport
import Testing

/// Feeding a file in random chunk sizes gives the same records, issues and summary as reading it whole.
@Suite struct ChunkedEquivalenceTests {
    static let fixtures: [String] = {
        let folder = SharedData.fixture("Inventory")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix("hostile_") && $0 != "README.md" && $0 != "cp950_samples.tsv" }.sorted()
    }()

    static func expectEquivalent(_ bytes: [UInt8], name: String, sizes: ClosedRange<Int>, seed: UInt64) throws {
        let whole = try InventoryReader.read(bytes, fileName: name)
        let chunked = try Read.chunked(bytes, sizes: sizes, seed: seed, fileName: name)
        #expect(chunked.records == whole.records, "\(name) \(sizes)")
        #expect(chunked.issues == whole.issues, "\(name) \(sizes)")
        #expect(chunked.summary == whole.summary, "\(name) \(sizes)")
        #expect(!whole.records.isEmpty, "\(name)")
    }

    @Test(arguments: fixtures) func fixtureInTinyAndLargeChunks(_ name: String) throws {
        let bytes = try TestSupportBytes.fixture("Inventory/" + name)
        try Self.expectEquivalent(bytes, name: name, sizes: 1...7, seed: 1)
        try Self.expectEquivalent(bytes, name: name, sizes: 1...600, seed: 2)
    }

    @Test(
        .enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"),
        arguments: [
            "inventory/glpi-agent_xp-Uninstall.reg.gz", "inventory/glpi-agent_10_russian-Uninstall.reg.gz",
            "inventory/windows_arp_samples.csv", "inventory/salt-winrepo-ng_arp_full_names.csv",
        ])
    func sharedFileInRandomChunks(_ path: String) throws {
        let bytes = try SharedData.bytes(path)
        try Self.expectEquivalent(bytes, name: path, sizes: 1...97, seed: 3)
        try Self.expectEquivalent(bytes, name: path, sizes: 1_000...70_000, seed: 4)
    }

    @Test func refusalsAreTheSameInChunks() throws {
        for name in ["hostile_ratio-bomb.xlsx", "hostile_lying-size.xlsx"] {
            let bytes = try TestSupportBytes.fixture("Inventory/" + name)
            let whole = Read.refusal(bytes)
            var reader = InventoryReader()
            var collector = InventoryCollector()
            var chunked: InventoryError?
            do {
                var start = 0
                while start < bytes.count {
                    try reader.feed(Array(bytes[start..<min(bytes.count, start + 777)]), to: &collector)
                    start += 777
                }
                _ = try reader.finish(to: &collector)
            } catch {
                chunked = error
            }
            #expect(whole != nil && chunked == whole)
        }
    }
}
