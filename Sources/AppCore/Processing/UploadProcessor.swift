import Governance
import Identification
import Inventory
import Logging
import VulnModel

/// Processes a `process-upload` job: reads the upload's kept content with the inventory reader, identifies its rows
/// against the current knowledge base's vocabulary, commits the snapshot with its conversion report (fenced by the
/// job's lease, so a worker that lost the job cannot commit), matches the snapshot, records the findings and tells
/// the observer. Every step can be repeated: a retried job whose snapshot is already committed only matches and
/// records again, and recording is an upsert.
public struct UploadProcessor: JobHandler {
    public let uploads: any UploadStore
    public let jobs: any JobQueue
    public let findings: any FindingStore
    public let knowledge: any KnowledgeBaseProvider
    public let observer: (any FindingsRecordedObserver)?
    public let parallelism: Int
    public let clock: @Sendable () -> Timestamp
    public let logger: Logger

    /// Rows per append inside the snapshot transaction, and per page when reading a snapshot back.
    static let rowBatch = 5_000
    /// Pieces the content is fed to the reader in, as a file would be.
    static let pieceSize = 1 << 20

    public init(
        uploads: any UploadStore, jobs: any JobQueue, findings: any FindingStore, knowledge: any KnowledgeBaseProvider,
        observer: (any FindingsRecordedObserver)? = nil, parallelism: Int = 2,
        clock: @escaping @Sendable () -> Timestamp, logger: Logger
    ) {
        self.uploads = uploads
        self.jobs = jobs
        self.findings = findings
        self.knowledge = knowledge
        self.observer = observer
        self.parallelism = max(1, parallelism)
        self.clock = clock
        self.logger = logger
    }

    public func run(_ lease: JobLease) async throws {
        let (id, agency) = try Self.subject(of: lease.job)
        let upload = try await find(id, agency: agency)
        guard upload.status != .failed else { return }
        let snapshot = try await committed(upload, lease: lease)
        let knowledgeBase = try await knowledge.current()
        let matched = try await SnapshotMatcher(uploads: uploads, parallelism: parallelism).match(
            snapshot, with: knowledgeBase.matcher)
        try await findings.record(matched.observations, agency: agency, upload: id)
        logger.info(
            "upload \(id): \(snapshot.rowCount) rows, \(matched.observations.count) findings on \(matched.hosts.count) hosts"
        )
        // Remediation's hook (the contract of this round): called once the findings are recorded.
        try await observer?.findingsRecorded(
            agency: agency, upload: id, month: snapshot.month, observations: matched.observations,
            hosts: matched.hosts, now: clock())
    }

    public func abandoned(_ job: Job, reason: String, now: Timestamp) async throws {
        let (id, _) = try Self.subject(of: job)
        let result = await outcome { try await uploads.markFailed(id, reason: reason) }
        // Already completed, or gone: nothing to mark.
        if case .failure(let error) = result, (error as? StoreError)?.kind != .notFound { throw error }
    }

    func find(_ id: Upload.ID, agency: Agency.ID) async throws -> Upload {
        let result = await outcome { try await uploads.upload(id, agency: agency) }
        if case .failure(let error) = result, (error as? StoreError)?.kind == .notFound {
            throw JobFailure.permanent("upload \(id) of \(agency) no longer exists")
        }
        return try result.get()
    }

    /// The upload's snapshot: the one committed by an earlier attempt, or one committed now.
    func committed(_ upload: Upload, lease: JobLease) async throws -> InventorySnapshot {
        guard upload.status == .completed else { return try await commit(upload, lease: lease) }
        guard let snapshot = try await uploads.snapshot(of: upload.id, agency: upload.agency) else {
            throw StoreError(.corrupt, "upload \(upload.id) is completed but has no snapshot")
        }
        return snapshot
    }

    /// Queues a job for every unfinished upload that has none (received without content, or before jobs were
    /// queued with uploads) and fails the upload whose job failed for good without marking it (a process killed
    /// between the two, or leases that expired until no attempt was left).
    public func maintain(now: Timestamp) async throws {
        for upload in try await uploads.unfinished(limit: 200) {
            guard let job = try await jobs.job(dedupeKey: UploadJobs.dedupeKey(for: upload.id)) else {
                _ = try await jobs.enqueue(UploadJobs.job(for: upload), now: now)
                logger.notice("upload \(upload.id) had no job; queued one")
                continue
            }
            switch job.state {
            case .queued, .running:
                continue
            case .failed:
                let reason = "gave up after \(job.attempts) attempts: \(job.lastError ?? "no reason recorded")"
                try await abandoned(job, reason: reason, now: now)
            case .succeeded:
                try await abandoned(job, reason: "processing ended without a snapshot", now: now)
            }
        }
    }

    static func subject(of job: Job) throws(JobFailure) -> (Upload.ID, Agency.ID) {
        guard let agency = job.agency, !job.payload.isEmpty else {
            throw .permanent("job \(job.id) names no upload and agency")
        }
        return (Upload.ID(job.payload), agency)
    }

    /// Reads and identifies the kept content outside any transaction (the slow part), then writes the snapshot in
    /// one short transaction fenced by the lease.
    func commit(_ upload: Upload, lease: JobLease) async throws -> InventorySnapshot {
        guard let content = try await uploads.content(of: upload.id, agency: upload.agency) else {
            throw JobFailure.permanent(
                "the upload's content was not kept (it was received by an older version); send it again")
        }
        let knowledgeBase = try await knowledge.current()
        try await uploads.recordProgress(upload.id, rowsProcessed: 0)
        let identified = try await identify(content, with: knowledgeBase)
        try await uploads.recordProgress(upload.id, rowsProcessed: identified.digest.rows.count)
        let rows = Self.snapshotRows(identified)
        let report = identified.report
        return try await uploads.commitSnapshot(for: upload.id, fencedBy: lease, now: clock()) { writer in
            var start = 0
            while start < rows.count {
                let end = min(rows.count, start + Self.rowBatch)
                try await writer.append(contentsOf: Array(rows[start..<end]))
                start = end
            }
            return report
        }
    }

    func identify(_ content: UploadContent, with knowledgeBase: LoadedKnowledgeBase) async throws
        -> IdentifiedInventory
    {
        let pieces = Pieces(bytes: content.bytes, size: Self.pieceSize)
        let result = await outcome {
            try await BatchIdentifier(identifier: knowledgeBase.identifier, parallelism: parallelism)
                .readAndIdentify(reader: InventoryReader(fileName: content.fileName), next: pieces.next)
        }
        if case .failure(let error as InventoryError) = result {
            throw JobFailure.permanent("\(content.fileName) cannot be read: \(error)")
        }
        return try result.get()
    }

    /// One stored row per inventory record: the record's row number and host, its key's fields and identification.
    /// A snapshot's row numbers are unique, but one line of some formats holds several records (an osqueryd batch
    /// result lists every package it saw): such records take the next free numbers, so a number is the file's row
    /// wherever each row holds one record, and never repeats.
    static func snapshotRows(_ identified: IdentifiedInventory) -> [SnapshotRow] {
        let digest = identified.digest
        var last = 0
        return digest.rows.map { row in
            let number = max(row.row, last + 1)
            last = number
            let key = Int(row.key)
            let record = digest.keys[key]
            let answer = identified.answers[key]
            let resolution = answer.resolution
            let cpe = resolution.cpe?.formattedString
            return SnapshotRow(
                row: number, host: digest.host(of: row).map(HostID.init), assetName: record.name,
                vendor: record.publisher, version: record.version, category: record.category, cpe: cpe,
                cpeTitle: record.cpeTitle, quantity: max(0, record.quantity ?? 1),
                failure: cpe == nil ? (resolution.failure ?? .noCPEExists) : nil,
                prohibited: answer.prohibited.map { ProhibitedEntryID($0.entryID) })
        }
    }
}

/// Hands out kept content a piece at a time, as a file would be read.
final class Pieces {
    let bytes: [UInt8]
    let size: Int
    private var offset = 0

    init(bytes: [UInt8], size: Int) {
        self.bytes = bytes
        self.size = size
    }

    func next() -> [UInt8]? {
        guard offset < bytes.count else { return nil }
        let end = min(bytes.count, offset + size)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}

/// What `body` returned or threw, as a value (an error is then looked at without a `catch` clause).
func outcome<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}
