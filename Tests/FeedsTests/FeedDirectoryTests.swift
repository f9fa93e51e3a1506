import AppCore
import FeedFiles
import Feeds
import Foundation
import TestSupport
import Testing
import VulnModel

@Suite struct FeedDirectoryTests {
    @Test func missingLocationThrows() async {
        await #expect(throws: FeedLocationError.self) {
            try await FeedDirectory().load(["/nonexistent/feeds"], parallelism: 2) { _ in }
        }
    }

    @Test func foldersYieldOnlyFeedFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = [
            "a.json", "sub/b.jsonl.gz", "c.csv", "d.JSON.GZ", "e.meta", "cache.properties", "README.md", "f.xml.gz",
            ".hidden.json",
        ]
        for name in names { try Data("{}".utf8).write(to: folder.appendingPathComponent(name)) }
        let found = try FeedDirectory.documents(at: [folder.path]).map {
            String($0.path.dropFirst(folder.path.count + 1))
        }
        #expect(found.sorted() == ["a.json", "c.csv", "d.JSON.GZ", "sub/b.jsonl.gz"])
    }

    @Test func loadsEveryFixtureWithBoundedParallelism() async throws {
        let folder = SharedData.fixture("Feeds").path
        let expected = try FeedDirectory.documents(at: [folder]).count
        var batches: [FeedBatch] = []
        try await FeedDirectory().load([folder], parallelism: 2) { batches.append($0) }
        #expect(batches.count == expected)
        #expect(Set(batches.map(\.document)).count == expected)
        #expect(batches.allSatisfy { $0.document.hasPrefix(folder) })
        let kinds = Set(batches.map(\.kind))
        #expect(kinds == [.nvdAPI, .nvdFeed, .nvdOverride, .cve5, .epss])
    }

    @Test(.enabled(if: Feed.sharedDataAvailable, "\(SharedData.unavailableReason)"))
    func sharedNVDFolderSkipsMetaAndProperties() throws {
        let documents = try FeedDirectory.documents(at: [SharedData.url("nvd/api-2.0").path])
        #expect(documents.count == 17)
        #expect(documents.allSatisfy { $0.path.hasSuffix(".json.gz") })
        #expect(documents.first?.size ?? 0 >= documents.last?.size ?? 0)
    }
}
