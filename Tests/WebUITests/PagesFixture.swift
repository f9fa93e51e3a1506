import AppCore
import FeedFiles
import Foundation
import Governance
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identification
import Matching
import Remediation
import Storage
import StorageSQLite
import TestSupport
import Testing
import VulnModel

@testable import WebUI

/// Two agencies on a temporary SQLite database: 監察院 with the sample inventory (Samples/inventory.csv) matched by
/// the real engine against the sample feeds (Samples/feeds) and stored as its October snapshot and findings, and a
/// county agency that has uploaded nothing. The viewer comes from the `X-Test-Viewer` header or the `test-viewer`
/// cookie (`nation` or an OID), standing in for the signed-in session the composition root resolves.
struct PagesFixture: Sendable {
    static let controlYuan = try! Agency.ID("2.16.886.101.20007")
    static let hualien = try! Agency.ID("2.16.886.101.90021")
    static let october = ReportingMonth(year: 2026, month: 10)!
    static let now = Timestamp(millisecondsSinceEpoch: 1_793_464_200_000)

    let pages: WebPages
    let remediation: RemediationPages
    let removal: RemovalTaskPages
    /// The seeded remediation records of 監察院: a KEV-listed one long overdue and a recent one.
    let records: (overdue: FindingKey, recent: FindingKey)
    /// Every CVE the sample inventory has, with its assessment, as the engine found them.
    let expected: [CVEID: CVEAssessment]

    /// `november`, when given, is a second upload of 監察院 for 2026-11 (the rows it keeps of the sample).
    /// `coverage` adds systems, a level for the county agency, its obligations and a zero-trust deployment
    /// (`PagesFixture+Coverage.swift`), and the coverage page.
    static func with(
        november: (@Sendable (InventoryEntry) -> Bool)? = nil, coverage: Bool = false,
        _ body: (PagesFixture) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try await SQLiteStorage.open(path: folder.appendingPathComponent("vans.sqlite").path)
        do {
            try await body(try await make(storage: storage, november: november, coverage: coverage))
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    }

    private static func make(
        storage: SQLiteStorage, november: (@Sendable (InventoryEntry) -> Bool)?, coverage: Bool
    ) async throws -> PagesFixture {
        let backend = storage.backend
        let agencies = SQLAgencyStore(backend: backend)
        let uploads = SQLUploadStore(backend: backend)
        let findings = SQLFindingStore(backend: backend)
        try await agencies.save([
            Agency(id: controlYuan, nameZh: "監察院", nameEn: "Control Yuan", tier: .central, supervisor: .nation),
            Agency(
                id: hualien, nameZh: "花蓮縣衛生局", nameEn: "Hualien County Public Health Bureau", tier: .countyCity,
                localGovernment: .hualien, supervisor: .nation),
        ])
        let base = try await sampleKnowledgeBase.value
        let policy = RiskPolicy()
        let matcher = InventoryMatcher(facts: base, index: MatchIndex(knowledgeBase: base), policy: policy)
        let sample = try sampleInventory()
        var uploaded = [(october, sample)]
        if let november { uploaded.append((october.next, sample.filter(november))) }
        var expected: [CVEID: CVEAssessment] = [:]
        for (index, (month, entries)) in uploaded.enumerated() {
            let report = try await matcher.match(entries).get()
            var observations: [FindingObservation] = []
            report.forEachFinding { finding, assessment in
                expected[finding.cve] = assessment
                observations.append(
                    FindingObservation(
                        host: finding.host, cve: finding.cve, cpe: finding.cpe, status: finding.status,
                        highRisk: assessment.risk?.highRisk == true, knownExploited: assessment.kev != nil))
            }
            let receipt = try await uploads.receive(
                NewUpload(
                    agency: controlYuan, month: month,
                    digest: ContentDigest(hex: String(repeating: "ab", count: 31) + "0\(index)")!,
                    format: "host-cpe-csv", byteCount: 2048),
                now: Timestamp(millisecondsSinceEpoch: now.millisecondsSinceEpoch + Int64(index) * 3_600_000))
            let rows = entries.enumerated().map { index, entry in
                SnapshotRow(row: index + 1, host: entry.host, assetName: entry.cpe, cpe: entry.cpe)
            }
            _ = try await uploads.commitSnapshot(for: receipt.upload.id, fencedBy: nil, now: now) { writer in
                try await writer.append(contentsOf: rows)
                var conversion = ConversionReport()
                conversion.rows = rows.count
                conversion.converted = rows.count
                return conversion
            }
            try await findings.record(observations, agency: controlYuan, upload: receipt.upload.id)
        }
        let records = try await seedRemediation(SQLRemediationStore(backend: backend))
        let clock =
            november == nil ? now : Timestamp(millisecondsSinceEpoch: now.millisecondsSinceEpoch + 31 * 86_400_000)
        let remediationQueries = RemediationQueries(
            store: SQLRemediationStore(backend: backend), assessments: { matcher }, policy: policy)
        let queries = OverviewQueries(
            agencies: agencies, uploads: uploads, findings: findings, assessments: { base }, policy: policy,
            overdue: { try await remediationQueries.overdueCount(of: $0, today: clock.dayInTaiwan) },
            remediation: SQLRemediationFigures(backend: backend),
            openRemovalTasks: { try await SQLProhibitionStore(backend: backend).openTaskCounts() })
        let source = coverage ? try await coverageSource(backend, clock: clock) : nil
        let pages = WebPages(queries: queries, coverage: source, clock: { clock }, viewer: testViewer)
        let remediation = RemediationPages(
            pages: pages, queries: remediationQueries,
            desk: RemediationDesk(store: SQLRemediationStore(backend: backend), audit: SQLAuditLog(backend: backend)),
            may: testPermission, actor: { _ in "user:test-officer" })
        try await seedRemoval(SQLProhibitionStore(backend: backend))
        let removal = RemovalTaskPages(
            pages: pages, store: SQLProhibitionStore(backend: backend), may: testPermission)
        return PagesFixture(
            pages: pages, remediation: remediation, removal: removal, records: records, expected: expected)
    }

    /// A KEV-listed Firefox finding first seen in January (overdue by 1 November 2026) and a recent one that is not.
    static func seedRemediation(_ store: SQLRemediationStore) async throws -> (overdue: FindingKey, recent: FindingKey)
    {
        func record(_ host: String, _ cve: String, _ product: ProductRef, _ version: String, _ seen: String, kev: Bool)
            throws -> RemediationRecord
        {
            RemediationRecord(
                key: FindingKey(
                    agency: controlYuan, host: HostID(host), cve: try #require(CVEID(cve)),
                    item: ItemVersion(product: product, version: version)),
                risk: FindingRisk(
                    severity: .critical, baseScore: 9.8, isKEV: kev,
                    kevDateAdded: kev ? Day(iso8601: "2024-10-15") : nil),
                firstSeen: try #require(Day(iso8601: seen)))
        }
        let overdue = try record(
            "pc-0001", "CVE-2024-9680", ProductRef(vendor: "mozilla", product: "firefox"), "118.0", "2026-01-05",
            kev: true)
        let recent = try record(
            "srv-01", "CVE-1999-0236", ProductRef(vendor: "apache", product: "http_server"), "1.3", "2026-10-20",
            kev: false)
        try await store.save(
            [recent, overdue].map {
                TrackedRemediation(
                    record: $0, deadline: SLAPolicy.standard.deadline(for: $0), lastMonth: october,
                    storedHistoryCount: nil)
            }, now: now)
        return (overdue.key, recent.key)
    }

    /// Loaded once for every test: the samples do not change during a run.
    static let sampleKnowledgeBase = Task {
        try await KnowledgeBaseLoader(source: FeedDirectory(), parallelism: 2)
            .load([SharedData.packageRoot.appendingPathComponent("Samples/feeds").path])
    }

    /// `X-Test-Viewer` or the `test-viewer` cookie: `nation`, an agency's OID, or `reader:` and an OID (an agency's
    /// read-only user).
    @Sendable static func testViewer(_ request: Request) throws -> PageViewer? {
        switch request.headers[HTTPField.Name("X-Test-Viewer")!] ?? request.cookies["test-viewer"]?.value {
        case nil: return nil
        case "nation": return PageViewer(name: "全國督導", scope: .nation)
        case let reader? where reader.hasPrefix("reader:"):
            return PageViewer(name: "檢視者", scope: .agencies([try Agency.ID(String(reader.dropFirst(7)))]))
        case let oid?: return PageViewer(name: "承辦人", scope: .agencies([try Agency.ID(oid)]))
        }
    }

    /// Reading findings follows the viewer's scope; changing them is for an agency's own officer (not a reader, not
    /// the nation's supervisor), as the roles have it.
    @Sendable static func testPermission(_ request: Request, _ action: Action, _ id: Agency.ID) throws -> Bool {
        guard let viewer = try testViewer(request) else { return false }
        let own = request.headers[HTTPField.Name("X-Test-Viewer")!] ?? request.cookies["test-viewer"]?.value
        switch action {
        case .updateFindings: return own == id.rawValue
        default: return viewer.mayView(id)
        }
    }

    /// Samples/inventory.csv: `host,cpe` rows.
    static func sampleInventory() throws -> [InventoryEntry] {
        let text = try String(
            contentsOf: SharedData.packageRoot.appendingPathComponent("Samples/inventory.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", maxSplits: 1)
            return InventoryEntry(host: HostID(String(fields[0])), cpe: String(fields[1]))
        }
    }

    func application() -> some ApplicationProtocol {
        let router = Router()
        pages.register(on: router)
        remediation.register(on: router)
        removal.register(on: router)
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// The most urgent CVE the sample has: known exploited and high-risk.
    var urgent: CVEAssessment {
        get throws {
            let candidates = expected.values.filter { $0.kev != nil && $0.risk?.highRisk == true }
            return try #require(
                candidates.max { $0.priority < $1.priority || ($0.priority == $1.priority && $0.cve > $1.cve) })
        }
    }
}
