import AppCore
import Identification
import SQLKit
import Testing
import VulnModel

@testable import Storage

@Suite("Storage: uploads and snapshots")
struct UploadStoreTests {
    @Test("the same content twice is one upload; other content or another month is another", arguments: Engine.allCases)
    func idempotentReceive(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let first = try await fixture.receive("host,cpe\na,cpe:2.3:a:x:y:1:*:*:*:*:*:*:*\n")
            let again = try await fixture.receive("host,cpe\na,cpe:2.3:a:x:y:1:*:*:*:*:*:*:*\n")
            #expect(first.isNew)
            #expect(!again.isNew)
            #expect(again.upload.id == first.upload.id)
            let changed = try await fixture.receive("host,cpe\nb,cpe:2.3:a:x:y:1:*:*:*:*:*:*:*\n")
            let nextMonth = try await fixture.receive(
                "host,cpe\na,cpe:2.3:a:x:y:1:*:*:*:*:*:*:*\n", month: Fixture.april
            )
            #expect(changed.isNew && nextMonth.isNew)
            #expect(try await fixture.uploads.uploads(agency: Fixture.agencyA, month: Fixture.march).count == 2)
            #expect(try await fixture.count("uploads") == 3)
        }
    }

    @Test("committing the same upload twice makes one snapshot", arguments: Engine.allCases)
    func idempotentCommit(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let upload = try await fixture.receive("x").upload
            let rows = Fixture.rows(1_234)
            let snapshot = try await fixture.uploads.commitSnapshot(for: upload.id, fencedBy: nil, now: Fixture.t0) {
                writer in
                try await writer.append(contentsOf: Array(rows.prefix(1_000)))
                try await writer.append(contentsOf: Array(rows.dropFirst(1_000)))
                var report = Fixture.report(1_240, converted: 1_234, failed: [.zhNameNoAlias: 4, .vendorUnknown: 2])
                report.prohibitedRows = 3
                report.prohibitedByCategory = [.remoteAccessTool: 2, .nonOfficialSoftware: 1]
                report.distinctKeys = 60
                return report
            }
            #expect(snapshot.rowCount == 1_234)
            let again = try await fixture.uploads.commitSnapshot(for: upload.id, fencedBy: nil, now: Fixture.later(60))
            {
                _ in
                Issue.record("write must not run for a completed upload")
                return Fixture.report(0, converted: 0)
            }
            #expect(again == snapshot)
            #expect(try await fixture.count("snapshots") == 1)
            let stored = try await fixture.uploads.snapshot(agency: Fixture.agencyA, month: Fixture.march)
            #expect(stored == snapshot)
            #expect(stored?.report.failedRows == 6)
            let read = try await fixture.uploads.rows(of: snapshot.id, agency: Fixture.agencyA, after: 1_200, limit: 10)
            #expect(read == Array(rows[1_200..<1_210]))
            #expect(try await fixture.uploads.upload(upload.id, agency: Fixture.agencyA).status == .completed)
        }
    }

    @Test(
        "a writer failing mid-snapshot leaves no snapshot and no rows; a retry then succeeds",
        arguments: Engine.allCases)
    func allOrNothingWriter(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let upload = try await fixture.receive("x").upload
            await #expect(throws: WriterFailure.self) {
                try await fixture.uploads.commitSnapshot(for: upload.id, fencedBy: nil, now: Fixture.t0) { writer in
                    try await writer.append(contentsOf: Fixture.rows(700))
                    throw WriterFailure()
                }
            }
            #expect(try await fixture.count("snapshot_rows") == 0)
            #expect(try await fixture.count("snapshots") == 0)
            #expect(try await fixture.uploads.snapshot(agency: Fixture.agencyA, month: Fixture.march) == nil)
            #expect(try await fixture.uploads.upload(upload.id, agency: Fixture.agencyA).status == .received)
            let snapshot = try await fixture.uploads.commitSnapshot(for: upload.id, fencedBy: nil, now: Fixture.t0) {
                writer in
                try await writer.append(contentsOf: Fixture.rows(700))
                return Fixture.report(700, converted: 700)
            }
            #expect(snapshot.rowCount == 700)
            #expect(try await fixture.count("snapshot_rows") == 700)
        }
    }

    @Test("a row the schema refuses mid-insert rolls back the rows before it", arguments: Engine.allCases)
    func allOrNothingDatabase(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let upload = try await fixture.receive("x").upload
            var rows = Fixture.rows(1_100)
            rows[1_050].cpe = "not a cpe"  // in the third batch: two batches are already inserted
            let batch = rows
            let kind = await storeErrorKind {
                _ = try await fixture.uploads.commitSnapshot(for: upload.id, fencedBy: nil, now: Fixture.t0) { writer in
                    try await writer.append(contentsOf: batch)
                    return Fixture.report(1_100, converted: 1_100)
                }
            }
            #expect(kind == .rejected)
            #expect(try await fixture.count("snapshot_rows") == 0)
            #expect(try await fixture.count("snapshots") == 0)
        }
    }

    @Test("an agency never sees another agency's uploads, snapshots or rows", arguments: Engine.allCases)
    func tenantScoping(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let upload = try await fixture.receive("a's inventory").upload
            let snapshot = try await fixture.uploads.commitSnapshot(for: upload.id, fencedBy: nil, now: Fixture.t0) {
                writer in
                try await writer.append(contentsOf: Fixture.rows(5))
                return Fixture.report(5, converted: 5)
            }
            // The same bytes from agency B are B's own upload, not A's.
            let sameBytes = try await fixture.receive("a's inventory", agency: Fixture.agencyB)
            #expect(sameBytes.isNew && sameBytes.upload.id != upload.id)

            let other = Fixture.agencyB
            #expect(
                await storeErrorKind { _ = try await fixture.uploads.upload(upload.id, agency: other) } == .notFound)
            #expect(try await fixture.uploads.uploads(agency: other, month: nil).map(\.id) == [sameBytes.upload.id])
            #expect(try await fixture.uploads.snapshot(agency: other, month: Fixture.march) == nil)
            #expect(try await fixture.uploads.rows(of: snapshot.id, agency: other, after: 0, limit: 100).isEmpty)
            #expect(
                try await fixture.uploads.rows(of: snapshot.id, agency: Fixture.agencyA, after: 0, limit: 100).count
                    == 5)
        }
    }

    @Test("progress, failure, and no failing after completion", arguments: Engine.allCases)
    func lifecycle(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let failing = try await fixture.receive("bad").upload
            try await fixture.uploads.recordProgress(failing.id, rowsProcessed: 10)
            #expect(try await fixture.uploads.upload(failing.id, agency: Fixture.agencyA).status == .processing)
            try await fixture.uploads.markFailed(failing.id, reason: "row 11: not UTF-8")
            let failed = try await fixture.uploads.upload(failing.id, agency: Fixture.agencyA)
            #expect(failed.status == .failed && failed.failure == "row 11: not UTF-8" && failed.rowsProcessed == 10)

            // The same file sent again after the failure is received afresh: the same upload, a new attempt.
            let resent = try await fixture.receive("bad")
            #expect(resent.isNew && resent.upload.id == failing.id)
            #expect(
                resent.upload.status == .received && resent.upload.failure == nil && resent.upload.rowsProcessed == 0)
            #expect(try await fixture.count("uploads") == 1)

            let good = try await fixture.receive("good").upload
            _ = try await fixture.uploads.commitSnapshot(for: good.id, fencedBy: nil, now: Fixture.t0) { _ in
                Fixture.report(0, converted: 0)
            }
            #expect(await storeErrorKind { try await fixture.uploads.markFailed(good.id, reason: "late") } == .notFound)
            #expect(try await !fixture.receive("good").isNew)
        }
    }

    @Test("the schema refuses uploads of unknown agencies", arguments: Engine.allCases)
    func unknownAgency(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let kind = await storeErrorKind { _ = try await fixture.receive("x", agency: Fixture.oid("2.16.886.999")) }
            #expect(kind == .invalidReference)
        }
    }
}
