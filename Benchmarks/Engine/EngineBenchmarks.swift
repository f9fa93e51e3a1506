import AppCore
import Benchmark
import FeedFiles
import Foundation
import Inventory
import Matching
import VulnModel

// Matching throughput once the index is built (issue: ≥ 1,000,000 rows per second on two cores): rows are
// deduplicated, matched on two tasks and fanned out to hosts; the finding count is taken without materialising
// findings.
// Inputs: the shared corpora (`VANS_SHARED_DATA`, default ../shared/data) and inventories made by
// Benchmarks/peers/gen_inventory.py as Benchmarks/peers/work/inv-ROWS.cpe.csv for 1,000, 10,000 and 1,000,000 rows.

struct MatchingState: Sendable {
    let matcher: Matcher
    let inventories: [Int: [InventoryEntry]]
}

func packageRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

func loadMatchingState() async throws -> MatchingState {
    let environment = ProcessInfo.processInfo.environment
    let data =
        environment["VANS_SHARED_DATA"]
        ?? packageRoot().deletingLastPathComponent().appendingPathComponent("shared/data").path
    let base = try await KnowledgeBaseLoader(source: FeedDirectory(), parallelism: 2).load([
        "\(data)/nvd", "\(data)/cve5", "\(data)/kev", "\(data)/epss",
    ])
    var inventories: [Int: [InventoryEntry]] = [:]
    for rows in inventorySizes {
        let path = packageRoot().appendingPathComponent("Benchmarks/peers/work/inv-\(rows).cpe.csv").path
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        inventories[rows] = try HostCPEInventory.parse([UInt8](bytes)).map {
            InventoryEntry(host: HostID($0.host), cpe: $0.cpe)
        }
    }
    return MatchingState(matcher: Matcher(index: MatchIndex(knowledgeBase: base)), inventories: inventories)
}

let inventorySizes = [1_000, 10_000, 1_000_000]

let benchmarks: @Sendable () -> Void = {
    for rows in inventorySizes {
        Benchmark(
            "Match \(rows) rows",
            configuration: .init(
                metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
                timeUnits: .milliseconds,
                maxDuration: .seconds(60),
                maxIterations: rows >= 1_000_000 ? 10 : 50
            )
        ) { benchmark, state in
            guard let entries = state.inventories[rows] else { fatalError("no inventory of \(rows) rows") }
            for _ in benchmark.scaledIterations {
                switch await state.matcher.match(entries, parallelism: 2) {
                case .success(let result): blackHole(result.findingCount)
                case .failure(let error): fatalError("inventory rejected: \(error.rejected.prefix(3))")
                }
            }
        } setup: {
            try await loadMatchingState()
        }
    }
}
