import AppCore
import FeedFiles
import Foundation
import Snapshot
import TestSupport
import Testing
import VulnModel

/// `vans feeds import`: documents merged into the service's KB file, source states, and re-matching only what changed.
@Suite(.serialized) struct FeedImportTests {
    static func fixture(_ name: String) -> String { SharedData.fixture("FeedSync/\(name)").path }
    static let pages = ["nvd-page_start-0.json", "nvd-page_start-15.json", "nvd-page_start-30.json"].map(fixture)

    @Test func aFirstImportBuildsTheFileAndRecordsEverySource() async throws {
        let base = try TemporaryKnowledgeBase()
        defer { base.cleanUp() }
        let (update, sources, jobs) = base.update()
        let report = try await update.importFiles(
            Self.pages + [Self.fixture("kev_first-3.json"), Self.fixture("epss_first-30.csv.gz")])

        let contents = try KnowledgeSnapshot.decode(try SharedData.bytes(at: URL(fileURLWithPath: base.file)))
        #expect(contents.index.cveCount == 25, "the 25 records with configurations are indexed")
        #expect(report.change.cves == 38)
        let states = await sources.saved
        #expect(states[.nvd]?.records == 38)
        #expect(states[.nvd]?.documents == 3)
        #expect(states[.nvd]?.syncedThrough == Timestamp(iso8601: "2023-10-18T18:04:04.597Z"))
        #expect(states[.kev]?.records == 3)
        #expect(states[.epss]?.records == 30)
        #expect(states[.nvd]?.lastSuccess == Timestamp(iso8601: "2026-11-21T00:00:00Z"))
        #expect(states.values.allSatisfy { $0.digest?.count == 64 && $0.lastError == nil })
        #expect(states[.cve5] == nil, "a source not imported is not recorded")

        let queued = await jobs.jobs
        #expect(queued.count == 1)
        #expect(queued.first?.kind == Job.Kind("rematch"))
        #expect(queued.first?.payload.hasPrefix("{\"products\":[\"apple:macos\",\"automattic:activitypub\",") == true)
        #expect(report.change.touchedProducts.count == 9)
    }

    @Test func anUpdateOfOneRecordTouchesExactlyItsProduct() async throws {
        let base = try TemporaryKnowledgeBase()
        defer { base.cleanUp() }
        let (update, sources, jobs) = base.update()
        _ = try await update.importFiles(Self.pages)
        let digest = await sources.saved[.nvd]?.digest

        let report = try await update.importFiles([Self.fixture("nvd-update_CVE-2023-22068.json")])
        #expect(report.change.touchedProducts == ["oracle:mysql"])
        #expect(await jobs.jobs.last?.payload == "{\"products\":[\"oracle:mysql\"]}")
        #expect(await sources.saved[.nvd]?.documents == 4)
        #expect(await sources.saved[.nvd]?.digest != digest)
        #expect(await sources.saved[.nvd]?.syncedThrough == Timestamp(iso8601: "2023-10-19T09:00:00Z"))

        let again = try await update.importFiles([Self.fixture("nvd-update_CVE-2023-22068.json")])
        #expect(again.change.touchedProducts.isEmpty, "the same document again changes nothing")
        #expect(again.rematch == nil)
        #expect(await jobs.jobs.count == 2)
    }

    @Test func aNewKEVCatalogueReplacesTheOldOne() async throws {
        let base = try TemporaryKnowledgeBase()
        defer { base.cleanUp() }
        let (update, sources, _) = base.update()
        _ = try await update.importFiles([Self.fixture("kev_first-3.json")])
        let catalogue = try String(contentsOfFile: Self.fixture("kev_first-3.json"), encoding: .utf8)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(catalogue.utf8)) as? [String: Any])
        object["vulnerabilities"] = (object["vulnerabilities"] as? [Any])?.prefix(1).map { $0 }
        let newer = base.folder.appendingPathComponent("kev-2025-08-26.json")
        try JSONSerialization.data(withJSONObject: object).write(to: newer)
        _ = try await update.importFiles([newer.path])
        #expect(await sources.saved[.kev]?.records == 1)
        #expect(await sources.saved[.kev]?.documents == 1)
    }

    @Test func anUnrecognisedFileIsRefusedAndNothingChanges() async throws {
        let base = try TemporaryKnowledgeBase()
        defer { base.cleanUp() }
        let (update, sources, jobs) = base.update()
        let notes = base.folder.appendingPathComponent("notes.json")
        try Data("{\"hello\": 1}".utf8).write(to: notes)
        await #expect {
            try await update.importFiles(Self.pages + [notes.path])
        } throws: { error in
            (error as? FeedUpdateError)?.message.contains(notes.path) == true
        }
        #expect(!FileManager.default.fileExists(atPath: base.file))
        #expect(try await KnowledgeBaseFiles(file: base.file).pendingSources().isEmpty)
        #expect(await sources.saved.isEmpty)
        #expect(await jobs.jobs.isEmpty)
    }

    @Test func aFileNotWrittenByImportIsNotOverwritten() async throws {
        let base = try TemporaryKnowledgeBase()
        defer { base.cleanUp() }
        try Data("snapshot from elsewhere".utf8).write(to: URL(fileURLWithPath: base.file))
        let (update, sources, _) = base.update()
        await #expect(throws: FeedUpdateError.self) { try await update.importFiles(Self.pages) }
        #expect(try String(contentsOfFile: base.file, encoding: .utf8) == "snapshot from elsewhere")
        #expect(await sources.saved.isEmpty)
        #expect(try await KnowledgeBaseFiles(file: base.file).pendingSources().isEmpty)
    }
}
