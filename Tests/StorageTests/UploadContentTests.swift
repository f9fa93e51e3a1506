import AppCore
import Governance
import Testing
import VulnModel

@testable import Storage

@Suite("Storage: upload contents and their jobs (migration 7)")
struct UploadContentTests {
    static func new(_ content: [UInt8], agency: Agency.ID = Fixture.agencyA) -> NewUpload {
        NewUpload(
            agency: agency, month: Fixture.march, digest: ContentDigest.sha256(of: content), format: "vans-v1",
            byteCount: Int64(content.count))
    }

    @Test(
        "a new upload keeps its content and has a queued job; the same content again adds neither",
        arguments: Engine.allCases)
    func keptWithJob(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            // Every byte value, so nothing is lost to text encoding.
            let bytes = (0..<3).flatMap { _ in (0...255).map(UInt8.init) }
            let content = UploadContent(fileName: "upload.json", bytes: bytes)
            let first = try await fixture.uploads.receive(Self.new(bytes), content: content, now: Fixture.t0)
            #expect(first.isNew)
            #expect(try await fixture.uploads.content(of: first.upload.id, agency: Fixture.agencyA) == content)
            #expect(try await fixture.uploads.content(of: first.upload.id, agency: Fixture.agencyB) == nil)
            let job = try #require(
                try await fixture.jobs.job(dedupeKey: UploadJobs.dedupeKey(for: first.upload.id)))
            #expect(job.kind == .processUpload)
            #expect(job.payload == first.upload.id.rawValue)
            #expect(job.agency == Fixture.agencyA)
            #expect(job.state == .queued)
            let again = try await fixture.uploads.receive(Self.new(bytes), content: content, now: Fixture.later(5))
            #expect(!again.isNew)
            #expect(try await fixture.count("jobs") == 1)
            #expect(try await fixture.count("upload_contents") == 1)
            #expect(try await fixture.uploads.unfinished(limit: 10).map(\.id) == [first.upload.id])
        }
    }

    @Test("without content nothing is kept and no job is queued", arguments: Engine.allCases)
    func withoutContent(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let receipt = try await fixture.receive("bare")
            #expect(try await fixture.uploads.content(of: receipt.upload.id, agency: Fixture.agencyA) == nil)
            #expect(try await fixture.count("jobs") == 0)
        }
    }

    @Test("a failed upload sent again is queued again, even when its job was finished", arguments: Engine.allCases)
    func failedReceivedAgain(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let bytes = Array("{\"data\":[]}".utf8)
            let content = UploadContent(fileName: "upload.json", bytes: bytes)
            let first = try await fixture.uploads.receive(Self.new(bytes), content: content, now: Fixture.t0)
            let lease = try #require(try await fixture.jobs.claim(kinds: nil, lease: .seconds(60), now: Fixture.t0))
            try await fixture.jobs.abandon(lease, reason: "unreadable", now: Fixture.later(1))
            #expect(try await fixture.jobs.job(lease.job.id).state == .failed)
            try await fixture.uploads.markFailed(first.upload.id, reason: "unreadable")
            let again = try await fixture.uploads.receive(Self.new(bytes), content: content, now: Fixture.later(2))
            #expect(again.isNew)
            let job = try await fixture.jobs.job(lease.job.id)
            #expect(job.state == .queued)
            #expect(job.attempts == 0)
            #expect(try await fixture.count("jobs") == 1)
        }
    }

    @Test("each agency's latest snapshot is found, and a snapshot by its upload", arguments: Engine.allCases)
    func latest(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            var committed: [InventorySnapshot] = []
            for (content, agency, month) in [
                ("a-march", Fixture.agencyA, Fixture.march), ("a-april", Fixture.agencyA, Fixture.april),
                ("b-march", Fixture.agencyB, Fixture.march),
            ] {
                let upload = try await fixture.receive(content, agency: agency, month: month).upload
                let prohibited = committed.count + 1
                committed.append(
                    try await fixture.uploads.commitSnapshot(for: upload.id, fencedBy: nil, now: Fixture.t0) {
                        writer in
                        try await writer.append(contentsOf: Fixture.rows(3))
                        var report = Fixture.report(3, converted: 2, failed: [.vendorUnknown: 1])
                        report.prohibitedRows = prohibited
                        report.prohibitedByCategory = [.mainlandBrandSoftware: prohibited]
                        return report
                    })
            }
            // Read together, each snapshot keeps its own report's breakdowns.
            let latest = try await fixture.uploads.latestSnapshots()
            #expect(latest.map(\.id) == [committed[1].id, committed[2].id])
            #expect(latest.map(\.report) == [committed[1].report, committed[2].report])
            #expect(latest[0].report.prohibitedByCategory != latest[1].report.prohibitedByCategory)
            // Every agency's uploads at once, as one agency's list gives them.
            let histories = try await fixture.uploads.uploads(agencies: [Fixture.agencyA, Fixture.agencyB])
            for agency in [Fixture.agencyA, Fixture.agencyB] {
                #expect(try await histories[agency] == fixture.uploads.uploads(agency: agency, month: nil))
            }
            #expect(histories[Fixture.agencyA]?.count == 2)
            let byUpload = try await fixture.uploads.snapshot(of: committed[0].upload, agency: Fixture.agencyA)
            #expect(byUpload?.id == committed[0].id)
            #expect(byUpload?.report == committed[0].report)
            #expect(try await fixture.uploads.snapshot(of: committed[0].upload, agency: Fixture.agencyB) == nil)
        }
    }

    @Test("the probe answers", arguments: Engine.allCases)
    func probe(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            try await SQLStorageProbe(backend: backend).ping()
        }
    }
}
