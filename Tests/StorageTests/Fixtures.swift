import AppCore
import Governance
import Identification
import SQLKit
import Testing
import VulnModel

@testable import Storage

/// Two agencies and the stores on one backend; every test starts from these.
struct Fixture {
    let backend: Backend
    let uploads: SQLUploadStore
    let jobs: SQLJobQueue
    let findings: SQLFindingStore
    let keys: SQLAPIKeyStore
    let audit: SQLAuditLog
    let agencies: SQLAgencyStore

    /// 監察院 and a county agency, by their real-shaped OIDs.
    static let agencyA = oid("2.16.886.101.20007")
    static let agencyB = oid("2.16.886.101.90021")
    static let march = month(2024, 3)
    static let april = month(2024, 4)
    static let t0 = Timestamp(millisecondsSinceEpoch: 1_711_929_600_000)  // 2024-04-01T00:00:00Z

    init(_ backend: Backend) async throws {
        self.backend = backend
        uploads = SQLUploadStore(backend: backend)
        jobs = SQLJobQueue(backend: backend)
        findings = SQLFindingStore(backend: backend)
        keys = SQLAPIKeyStore(backend: backend)
        audit = SQLAuditLog(backend: backend)
        agencies = SQLAgencyStore(backend: backend)
        try await agencies.save([
            Agency(id: Self.agencyA, nameZh: "監察院", nameEn: "Control Yuan", tier: .central, supervisor: .nation),
            Agency(
                id: Self.agencyB, nameZh: "花蓮縣衛生局", tier: .countyCity, localGovernment: .hualien,
                supervisor: .nation
            ),
        ])
    }

    static func oid(_ text: String) -> Agency.ID {
        do { return try Agency.ID(text) } catch { preconditionFailure("fixture OID \(text): \(error)") }
    }

    static func month(_ year: Int, _ month: Int) -> ReportingMonth {
        guard let value = ReportingMonth(year: year, month: month) else { preconditionFailure("fixture month") }
        return value
    }

    /// A conversion report of `total` rows, `converted` of them to a CPE, the rest failed as `failed` says.
    static func report(_ total: Int, converted: Int, failed: [FailureCode: Int] = [:]) -> ConversionReport {
        var report = ConversionReport()
        report.rows = total
        report.converted = converted
        report.failed = failed
        report.byMethod = converted > 0 ? [.givenCPE: converted] : [:]
        return report
    }

    static func later(_ seconds: Int64) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: t0.millisecondsSinceEpoch + seconds * 1000)
    }

    /// A new upload of `content` for the agency and month.
    func receive(_ content: String, agency: Agency.ID = agencyA, month: ReportingMonth = march) async throws
        -> UploadReceipt
    {
        try await uploads.receive(
            NewUpload(
                agency: agency, month: month, digest: ContentDigest.sha256(of: Array(content.utf8)), format: "csv",
                byteCount: Int64(content.utf8.count)
            ),
            now: Self.t0
        )
    }

    static func rows(_ count: Int, startingAt first: Int = 1) -> [SnapshotRow] {
        (first..<(first + count)).map { index in
            SnapshotRow(
                row: index, host: HostID("host-\(index % 7)"), assetName: "Apache HTTP Server", vendor: "apache",
                version: "2.4.\(index % 60)", category: "software",
                cpe: "cpe:2.3:a:apache:http_server:2.4.\(index % 60):*:*:*:*:*:*:*",
                cpeTitle: "Apache Software Foundation Apache HTTP Server", quantity: 1
            )
        }
    }

    /// How many rows a table holds, across all agencies.
    func count(_ table: String) async throws -> Int {
        guard let row = try await backend.database.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first() else {
            return -1
        }
        return Int(try row.decode(column: "n", as: Int64.self))
    }
}

/// The kind of a `StoreError` thrown by `body`, or nil when it succeeded.
func storeErrorKind(_ body: () async throws -> Void) async -> StoreError.Kind? {
    do {
        try await body()
        return nil
    } catch let error as StoreError {
        return error.kind
    } catch {
        Issue.record("expected a StoreError, got \(type(of: error)): \(error)")
        return nil
    }
}

struct WriterFailure: Error {}
