import Foundation
import JSON
import TestSupport
import Testing

/// The reader must see exactly what Foundation sees in the real feeds: same structure, strings and numbers.
@Suite struct FoundationEquivalenceTests {
    static let documents = [
        "nvd/api-2.0/nvdcve-2003.json.gz",
        "nvd/feed-1.1/nvdcve-1.1-2003.json.gz",
        "nvd/fixtures/vunnel_api2.0_full-page.json.gz",
        "nvd/fixtures/osvdev_feed1.1_test-data.json.gz",
        "kev/known_exploited_vulnerabilities.json.gz",
    ]

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"), arguments: documents)
    func documentMatchesFoundation(_ path: String) throws {
        let bytes = try SharedData.bytes(path)
        let ours = try JSONValue.parse(bytes).sortedKeys
        let theirs = JSONValue(foundation: try JSONSerialization.jsonObject(with: Data(bytes)))
        #expect(ours == theirs)
    }

    static let lineDocuments = [
        "nvd/fixtures/osvdev_api2.0_per-cve-responses.jsonl.gz",
        "nvd/overrides/anchore-nvd-data-overrides_2026-08-21.jsonl.gz",
        "cve5/cisa-vulnrichment_2024-10-24.jsonl.gz",
    ]

    /// Every line of the small files; the first 2,000 lines of the large ones.
    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"), arguments: lineDocuments)
    func jsonLinesMatchFoundation(_ path: String) throws {
        let bytes = try SharedData.bytes(path)
        let lines = bytes.withUnsafeBufferPointer { buffer in
            JSONLines(buffer).prefix(2000).map { Array(buffer[$0.range]) }
        }
        #expect(!lines.isEmpty)
        for line in lines {
            let ours = try JSONValue.parse(line).sortedKeys
            let theirs = JSONValue(foundation: try JSONSerialization.jsonObject(with: Data(line)))
            #expect(ours == theirs)
        }
    }
}
