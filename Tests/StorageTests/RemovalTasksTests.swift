import AppCore
import Foundation
import Governance
import Identification
import SQLKit
import TestSupport
import Testing
import VulnModel

@testable import Storage

/// R27–R28 over the SQL store with the real catalogue and the identification fixture inventory (福昕, AnyDesk,
/// Zoom among ordinary software): publishing, following uploads, overdue, exceptions and the register.
@Suite("Removal tasks over the SQL store")
struct RemovalTasksTests {
    static let catalogue: ProhibitedCatalogue = {
        let url = SharedData.packageRoot.appendingPathComponent("Data/identification/prohibited-catalogue.json")
        do { return try ProhibitedCatalogue(jsonBytes: try SharedData.bytes(at: url)) } catch {
            preconditionFailure("prohibited-catalogue.json does not load: \(error)")
        }
    }()
    static let checker = ProhibitedChecker(catalogue: catalogue)
    static let foxit = ProhibitedEntryID("foxit")
    static let anydesk = ProhibitedEntryID("anydesk")

    /// The fixture's (name, publisher, version) rows.
    static let inventory: [(name: String, publisher: String?, version: String?)] = {
        guard
            let text = try? String(
                contentsOf: SharedData.fixture("Identification/zh-tw-inventory.csv"), encoding: .utf8)
        else { preconditionFailure("Identification/zh-tw-inventory.csv is missing") }
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let fields = csvFields(String(line))
            func field(_ index: Int) -> String? { index < fields.count && !fields[index].isEmpty ? fields[index] : nil }
            return (fields[0], field(1), field(2))
        }
    }()

    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        for character in line {
            switch character {
            case "\"": quoted.toggle()
            case "," where !quoted:
                fields.append(field)
                field = ""
            default: field.append(character)
            }
        }
        return fields + [field]
    }

    /// Snapshot rows as the upload processor stores them: each host holds the fixture rows `keep` admits, with
    /// the full catalogue's hits.
    static func rows(_ hosts: [String: (String) -> Bool]) -> [SnapshotRow] {
        var rows: [SnapshotRow] = []
        for host in hosts.keys.sorted() {
            for item in inventory where hosts[host]?(item.name) == true {
                rows.append(
                    SnapshotRow(
                        row: rows.count + 1, host: HostID(host), assetName: item.name, vendor: item.publisher,
                        version: item.version,
                        prohibited: checker.check(name: item.name, publisher: item.publisher).map {
                            ProhibitedEntryID($0.entryID)
                        }))
            }
        }
        return rows
    }

    static func isFoxit(_ name: String) -> Bool { name.hasPrefix("福昕") }
    static func isAnyDesk(_ name: String) -> Bool { name == "AnyDesk" }
    static func day(_ text: String) -> Day {
        guard let day = Day(iso8601: text) else { preconditionFailure("fixture day \(text)") }
        return day
    }

    /// Receives and commits an upload of `rows`; returns it with its snapshot.
    static func upload(
        _ rows: [SnapshotRow], agency: Agency.ID, month: ReportingMonth, tag: String, at now: Timestamp,
        fixture: Fixture
    ) async throws -> InventorySnapshot {
        let receipt = try await fixture.uploads.receive(
            NewUpload(
                agency: agency, month: month, digest: ContentDigest.sha256(of: Array(tag.utf8)), format: "csv",
                byteCount: Int64(tag.utf8.count)),
            now: now)
        return try await fixture.uploads.commitSnapshot(for: receipt.upload.id, fencedBy: nil, now: now) { writer in
            try await writer.append(contentsOf: rows)
            return ConversionReport()
        }
    }

    @Test("publish, follow uploads, overdue, exception and register", arguments: Engine.allCases)
    func lifecycle(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let store = SQLProhibitionStore(backend: backend)
            let desk = RemovalDesk(store: store, uploads: fixture.uploads, audit: fixture.audit)
            let sync = FindingsObservers([RemovalSync(store: store, uploads: fixture.uploads, audit: fixture.audit)])
            let (a, b) = (Fixture.agencyA, Fixture.agencyB)

            // March: A has 福昕 on pc-1 and AnyDesk on both hosts; B has neither.
            let marchA = Self.rows(["pc-1": { _ in true }, "pc-2": { Self.isAnyDesk($0) || $0.hasPrefix("Git") }])
            let stored = try await Self.upload(
                marchA, agency: a, month: Fixture.march, tag: "a3", at: Fixture.t0, fixture: fixture)
            _ = try await Self.upload(
                Self.rows(["pc-9": { !Self.isFoxit($0) && !Self.isAnyDesk($0) }]), agency: b, month: Fixture.march,
                tag: "b3", at: Fixture.t0, fixture: fixture)
            // The hits went in with the rows and come back with them.
            let readBack = try await fixture.uploads.rows(of: stored.id, agency: a, after: 0, limit: 1_000)
            #expect(readBack == marchA)
            #expect(readBack.filter { $0.prohibited.contains(Self.foxit) }.count == 2)

            // Published on 2024-04-02: a task for A only, with its two 福昕 rows.
            let published = Fixture.later(86_400)
            let foxitTasks = try await desk.publish(
                Self.foxit, from: Self.catalogue, dueDays: 14, by: "nics", now: published)
            #expect(foxitTasks.map(\.task.agency) == [a])
            #expect(foxitTasks.first?.task.outstanding.map(\.itemName).sorted() == ["福昕閱讀器", "福昕阅读器"])
            #expect(foxitTasks.first?.task.dueDate == Self.day("2024-04-16"))
            try await desk.publish(Self.anydesk, from: Self.catalogue, dueDays: 7, by: "nics", now: published)
            #expect(try await store.tasks(agency: b).isEmpty)
            #expect(
                await storeErrorKind {
                    try await desk.publish(Self.foxit, from: Self.catalogue, dueDays: 1, by: "x", now: published)
                } == .conflict)
            await #expect(throws: RemovalError.self) {
                try await desk.publish(
                    ProhibitedEntryID("no-such"), from: Self.catalogue, dueDays: 1, by: "x", now: published)
            }

            // April, processed 2024-04-11: 福昕 gone from pc-1, AnyDesk gone from pc-2 but still on pc-1.
            let processed = Fixture.later(10 * 86_400)
            let aprilA = Self.rows(["pc-1": { !Self.isFoxit($0) }, "pc-2": { $0.hasPrefix("Git") }])
            let april = try await Self.upload(
                aprilA, agency: a, month: Fixture.april, tag: "a4", at: processed, fixture: fixture)
            for _ in 0..<2 {  // a retried job: the second call changes nothing
                try await sync.findingsRecorded(
                    agency: a, upload: april.upload, month: Fixture.april, observations: [],
                    hosts: [HostID("pc-1"), HostID("pc-2")], now: processed)
            }
            var tasks = Dictionary(
                uniqueKeysWithValues: try await store.tasks(agency: a).map { ($0.task.entry, $0.task) })
            #expect(tasks[Self.foxit]?.status == .completed(Self.day("2024-04-11")))
            #expect(tasks[Self.anydesk]?.status == .open)
            #expect(tasks[Self.anydesk]?.outstanding.map(\.host.host) == [HostID("pc-1")])
            #expect(tasks[Self.anydesk]?.isOverdue(on: Self.day("2024-04-10")) == true)
            #expect(tasks[Self.anydesk]?.isOverdue(on: Self.day("2024-04-09")) == false)
            #expect(try await store.history(entry: Self.foxit, agency: a).map(\.to) == ["open", "completed"])
            #expect(try await store.history(entry: Self.anydesk, agency: a).map(\.to) == ["open"])
            // The supervisor's count: AnyDesk open, Foxit completed; agency b has no task at all.
            #expect(try await store.openTaskCounts() == [a: 1])

            // The March upload processed again (late) does not undo April.
            try await sync.findingsRecorded(
                agency: a, upload: stored.upload, month: Fixture.march, observations: [],
                hosts: [HostID("pc-1"), HostID("pc-2")], now: Fixture.later(11 * 86_400))
            tasks = Dictionary(uniqueKeysWithValues: try await store.tasks(agency: a).map { ($0.task.entry, $0.task) })
            #expect(tasks[Self.anydesk]?.outstanding.count == 1)

            // An exception for AnyDesk: the task closes and the product is in the register.
            let approval = ExceptionApproval(
                cisoApproval: "資安長 王 113-04-12", competentAuthorityApproval: "數位部 1130012345",
                registration: RegisteredProduct(
                    entry: Self.anydesk, agency: a, product: "AnyDesk 7", location: "機房 B1 維運主機",
                    connectivity: .separateNetwork,
                    measures: [.strongPasswordsNoRemoteMaintenance, .annualInternalAudit],
                    replacementDate: Self.day("2024-12-31")),
                reason: "vendor maintenance of the building system", expires: Self.day("2025-04-12"))
            await #expect(throws: RemovalError.self) {
                try await desk.grantException(Self.anydesk, agency: b, approval: approval, by: "ciso", now: processed)
            }
            try await desk.grantException(Self.anydesk, agency: a, approval: approval, by: "ciso", now: processed)
            #expect(try await desk.register() == [approval])
            #expect(try await desk.tasks(agency: a, openOnly: true).isEmpty)
            #expect(try await store.openTaskCounts().isEmpty)
            #expect(
                try await store.history(entry: Self.anydesk, agency: a).map(\.action).last
                    == "prohibited.exception_granted")
            let audit = try await fixture.audit.entries(agency: nil, after: nil, limit: 100).map(\.action)
            #expect(audit.filter { $0 == "prohibited.published" }.count == 2)
            #expect(audit.contains("prohibited.exception_granted") && audit.contains("prohibited.synced"))

            // The register and the history are never rewritten.
            for table in ["removal_exceptions", "removal_history"] {
                for statement: SQLQueryString in [
                    "DELETE FROM \(ident: table)", "UPDATE \(ident: table) SET agency_oid = 'x'",
                ] {
                    let refused = await storeErrorKind {
                        try await backend.run("tampering") { try await backend.database.raw(statement).run() }
                    }
                    #expect(refused == .rejected, "\(table)")
                }
            }
        }
    }

    @Test(
        "a product that shows up after publication gets its task; hits stay in their tenant", arguments: Engine.allCases
    )
    func laterAppearance(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let store = SQLProhibitionStore(backend: backend)
            let desk = RemovalDesk(store: store, uploads: fixture.uploads)
            let sync = RemovalSync(store: store, uploads: fixture.uploads)
            #expect(
                try await desk.publish(Self.foxit, from: Self.catalogue, dueDays: 30, by: "nics", now: Fixture.t0)
                    .isEmpty)
            let snapshot = try await Self.upload(
                Self.rows(["pc-7": Self.isFoxit]), agency: Fixture.agencyB, month: Fixture.april, tag: "b4",
                at: Fixture.later(3_600), fixture: fixture)
            let changed = try await sync.sync(
                agency: Fixture.agencyB, upload: snapshot.upload, hosts: [HostID("pc-7")], now: Fixture.later(3_600))
            #expect(changed.map(\.task.agency) == [Fixture.agencyB])
            #expect(changed.first?.task.dueDate == Self.day("2024-05-01"))
            // Another agency's snapshot yields no hits.
            var foreign = snapshot
            foreign.agency = Fixture.agencyA
            #expect(try await store.hits(of: foreign).isEmpty)
            #expect(try await store.hits(of: snapshot).count == 2)
            // A task for an entry never published is refused by the schema.
            let stray = TrackedRemovalTask(
                task: RemovalTask(
                    entry: Self.anydesk, agency: Fixture.agencyA, createdOn: Fixture.t0.dayInTaiwan,
                    dueDate: Fixture.t0.dayInTaiwan, outstanding: [], status: .open),
                lastMonth: Fixture.april, lastSnapshotAt: Fixture.t0)
            #expect(
                await storeErrorKind { try await store.save([stray], actor: "x", action: "y", now: Fixture.t0) }
                    == .invalidReference)
        }
    }
}
