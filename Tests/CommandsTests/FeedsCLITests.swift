import Commands
import Foundation
import TestSupport
import Testing

/// `vans feeds import|status|sync` in-process: exit statuses and the files they leave.
@Suite(.serialized) struct FeedsCLITests {
    static func fixture(_ name: String) -> String { SharedData.fixture("FeedSync/\(name)").path }

    @Test func importWritesTheKnowledgeBaseBesideTheDatabaseAndStatusReadsIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vans-feeds-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("vans.sqlite").path
        let status = await VansCLI.run([
            "feeds", "import", Self.fixture("nvd-page_start-0.json"), Self.fixture("kev_first-3.json"),
            "--database", database,
        ])
        #expect(status == 0)
        let kb = folder.appendingPathComponent("vans-kb.vanskb").path
        #expect(FileManager.default.fileExists(atPath: kb))
        #expect(FileManager.default.fileExists(atPath: kb + ".feeds/nvd/nvd-page_start-0.json"))
        #expect(await VansCLI.run(["feeds", "status", "--database", database, "--stale-after", "kev=12h"]) == 0)
        #expect(await VansCLI.run(["feeds", "status", "--database", database, "--stale-after", "kev=soon"]) == 2)
        #expect(
            await VansCLI.run([
                "feeds", "import", folder.appendingPathComponent("none.json").path,
                "--database", database,
            ]) == 2)
    }

    @Test func syncWithoutAStartingPointSaysWhatToDo() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vans-feeds-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let status = await VansCLI.run([
            "feeds", "sync", "--database", folder.appendingPathComponent("vans.sqlite").path,
            "--kev-url", "none", "--epss-url", "none",
        ])
        #expect(status == 2, "nothing says where NVD starts: no request is made")
    }
}
