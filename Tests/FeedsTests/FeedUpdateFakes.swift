import AppCore
import FeedFiles
import Foundation
import StoreFakes
import VulnModel

struct FixedWallClock: WallClock {
    let instant: Timestamp
    init(_ text: String) { instant = Timestamp(iso8601: text) ?? Timestamp(millisecondsSinceEpoch: 0) }
    func now() -> Timestamp { instant }
}

/// A knowledge-base file in a fresh temporary folder, removed by `cleanUp`.
struct TemporaryKnowledgeBase {
    let folder: URL
    var file: String { folder.appendingPathComponent("vans-kb.vanskb").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }

    func update(clock: String = "2026-11-21T00:00:00Z") -> (FeedUpdate, MemoryFeedSources, MemoryJobs) {
        let sources = MemoryFeedSources()
        let jobs = MemoryJobs()
        let update = FeedUpdate(
            repository: KnowledgeBaseFiles(file: file), sources: sources, jobs: jobs, clock: FixedWallClock(clock))
        return (update, sources, jobs)
    }
}
