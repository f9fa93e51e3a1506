import AppCore
import FeedFiles
import FeedHTTP
import FeedSync
import Foundation
import StoreFakes
import Testing
import VulnModel

/// `vans feeds sync` against a loopback server: NVD paging with the API key, retries after 429/503, a sync resumed
/// from its cursor, and the KEV, EPSS and CVE 5 downloads, all merged into the KB file.
@Suite(.serialized) struct FeedSyncHTTPTests {
    static let now = Timestamp(iso8601: "2026-11-21T00:00:00Z") ?? Timestamp(millisecondsSinceEpoch: 0)
    static let since = Timestamp(iso8601: "2026-11-11T00:00:00Z")

    struct Harness {
        let folder: URL
        let sources = MemoryFeedSources()
        let jobs = MemoryJobs()
        let sleeps = RecordedSleeps()

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-sync-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        func synchronizer(base: String, apiKey: String? = nil, whole: Bool = true, now: Timestamp = now)
            -> FeedSynchronizer
        {
            let update = FeedUpdate(
                repository: KnowledgeBaseFiles(file: folder.appendingPathComponent("kb.vanskb").path),
                sources: sources, jobs: jobs, clock: FixedWallClock(instant: now))
            let settings = FeedSynchronizer.Settings(
                nvdURL: base + "/nvd", apiKey: apiKey, kevURL: whole ? base + "/kev" : nil,
                epssURL: whole ? base + "/epss" : nil, cve5URL: whole ? base + "/cve5" : nil, since: since,
                resultsPerPage: 15)
            let sleeps = sleeps
            return FeedSynchronizer(
                update: update, fetcher: AsyncHTTPFetcher(timeout: .seconds(30)), settings: settings,
                sleep: { await sleeps.record($0) })
        }

        func cleanUp() { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func pagesThroughNVDWithTheKeyAndDownloadsKEVEPSSAndCVE5() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let stub = StubFeedServer()
        try await stub.serve { base in
            let report = try await harness.synchronizer(base: base, apiKey: "test-key").sync()
            #expect(report.failures.isEmpty)
            #expect(report.pages == 3)
            #expect(report.update?.change.cves == 40, "38 NVD records and 2 CVE 5 records")
        }
        let nvd = await stub.seen.filter { $0.path == "nvd" }
        #expect(nvd.map(\.startIndex) == ["0", "15", "30"])
        #expect(nvd.allSatisfy { $0.apiKey == "test-key" && $0.resultsPerPage == "15" })
        #expect(nvd.first?.lastModStartDate == "2026-11-11T00:00:00.000+00:00")
        #expect(await stub.seen.map(\.path).suffix(3) == ["kev", "epss", "cve5"])
        let states = await harness.sources.saved
        #expect(states[.nvd]?.syncedThrough == Self.now)
        #expect(states[.nvd]?.cursor == nil)
        #expect(states[.nvd]?.lastSuccess == Self.now)
        #expect(states[.nvd]?.documents == 3)
        #expect(states[.kev]?.records == 3)
        #expect(states[.epss]?.records == 30)
        #expect(states[.cve5]?.records == 2)
        #expect(await harness.sleeps.waits.isEmpty, "five requests or fewer never wait")
        #expect(await harness.jobs.jobs.count == 1)
    }

    @Test func a429AndA503AreRetriedAfterBackingOff() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let stub = StubFeedServer()
        await stub.script("15", [429, 503])
        try await stub.serve { base in
            let report = try await harness.synchronizer(base: base, whole: false).sync()
            #expect(report.failures.isEmpty)
            #expect(report.update?.change.cves == 38)
        }
        #expect(await stub.seen.map(\.startIndex) == ["0", "15", "15", "15", "30"])
        #expect(await stub.seen.allSatisfy { $0.apiKey == nil })
        #expect(await harness.sleeps.waits == [.seconds(30), .seconds(4)], "a full rate window, then back-off")
    }

    @Test func anInterruptedSyncResumesFromItsCursor() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let stub = StubFeedServer()
        await stub.breakPage("15", with: 404)
        try await stub.serve { base in
            let first = try await harness.synchronizer(base: base, whole: false).sync()
            #expect(first.failures[.nvd]?.contains("HTTP 404") == true)
            #expect(first.update?.change.cves == 15, "the page fetched before the failure is merged")
        }
        let paused = await harness.sources.saved[.nvd]
        #expect(paused?.lastSuccess == nil)
        #expect(paused?.lastError?.contains("HTTP 404") == true)
        let cursor = try #require(paused?.cursor.flatMap { SyncCursor($0) })
        #expect(cursor.startIndex == 15)

        await stub.breakPage("15", with: nil)
        let later = Timestamp(millisecondsSinceEpoch: Self.now.millisecondsSinceEpoch + 3_600_000)
        try await stub.serve { base in
            let second = try await harness.synchronizer(base: base, whole: false, now: later).sync()
            #expect(second.failures.isEmpty)
            #expect(second.update?.change.cves == 38)
        }
        #expect(await stub.seen.map(\.startIndex) == ["0", "15", "15", "30"])
        let done = await harness.sources.saved[.nvd]
        #expect(done?.cursor == nil)
        #expect(done?.syncedThrough == Self.now, "current to when the interrupted sync started")
        #expect(done?.lastSuccess == later)
        #expect(done?.lastError == nil)
    }
}
