import AppCore
import Benchmark
import FeedFiles
import Foundation
import Inventory
import Matching
import VulnModel

// Matching throughput once the index is built (issue: ≥ 1,000,000 rows per second on two cores).
// Inputs: the shared corpora (`VANS_SHARED_DATA`, default ../shared/data) and an inventory made by
// Benchmarks/peers/gen_inventory.py (`VANS_BENCH_INVENTORY`, default Benchmarks/peers/work/inv-1000000.cpe.csv).

struct MatchingState: Sendable {
    let matcher: Matcher
    let entries: [InventoryEntry]
}

func packageRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

func loadMatchingState() async throws -> MatchingState {
    let environment = ProcessInfo.processInfo.environment
    let data = environment["VANS_SHARED_DATA"] ?? packageRoot().deletingLastPathComponent().appendingPathComponent("shared/data").path
    let inventory = environment["VANS_BENCH_INVENTORY"]
        ?? packageRoot().appendingPathComponent("Benchmarks/peers/work/inv-1000000.cpe.csv").path
    let base = try await KnowledgeBaseLoader(source: FeedDirectory(), parallelism: 2).load([
        "\(data)/nvd", "\(data)/cve5", "\(data)/kev", "\(data)/epss",
    ])
    guard let bytes = FileManager.default.contents(atPath: inventory) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: inventory])
    }
    let entries = try HostCPEInventory.parse([UInt8](bytes)).map { InventoryEntry(host: HostID($0.host), cpe: $0.cpe) }
    return MatchingState(matcher: Matcher(index: MatchIndex(knowledgeBase: base)), entries: entries)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark(
        "Match inventory (rows/s = throughput × rows)",
        configuration: .init(
            metrics: [.wallClock, .throughput, .peakMemoryResident, .mallocCountTotal],
            timeUnits: .milliseconds,
            maxDuration: .seconds(60),
            maxIterations: 10
        )
    ) { benchmark, state in
        for _ in benchmark.scaledIterations {
            switch state.matcher.match(state.entries) {
            case .success(let result): blackHole(result.findingCount)
            case .failure(let error): fatalError("inventory rejected: \(error.rejected.prefix(3))")
            }
        }
    } setup: {
        try await loadMatchingState()
    }
}
