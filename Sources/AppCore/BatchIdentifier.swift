import Identification
import Inventory

/// Identifies a whole inventory on several cores. Identification is pure and costs about the same per distinct
/// key whatever the row count, so the distinct keys of an `InventoryDigest` are cut into small batches that at
/// most `parallelism` tasks work through; the answers then fan back out to the rows for the conversion report.
public struct BatchIdentifier: Sendable {
    public let identifier: InventoryIdentifier
    public let parallelism: Int

    public init(identifier: InventoryIdentifier, parallelism: Int = 2) {
        self.identifier = identifier
        self.parallelism = max(1, parallelism)
    }

    /// One answer per key of `digest` (in `digest.keys` order; `row` is the key's first row) and the report
    /// counted over every row.
    public func identify(_ digest: InventoryDigest) async -> (answers: [RowIdentification], report: ConversionReport) {
        let answers = await identify(digest.keys)
        var report = ConversionReport()
        for row in digest.rows {
            let answer = answers[Int(row.key)]
            report.add(answer.resolution, prohibited: answer.prohibited)
        }
        report.distinctKeys = digest.keys.count
        return (answers, report)
    }

    /// One answer per record, in order.
    public func identify(_ records: [InventoryRecord]) async -> [RowIdentification] {
        // Small batches keep both cores busy to the end: a batch of rare names costs many times a common one.
        let size = max(32, min(2_048, records.count / (parallelism * 32)))
        let batches = stride(from: 0, to: records.count, by: size).map { $0..<min($0 + size, records.count) }
        guard batches.count > 1, parallelism > 1 else { return identifier.identify(records).rows }
        let identifier = self.identifier
        var results = [[RowIdentification]](repeating: [], count: batches.count)
        await withTaskGroup(of: (Int, [RowIdentification]).self) { group in
            var next = 0
            func start() {
                let number = next
                let batch = Array(records[batches[number]])
                group.addTask { (number, identifier.identify(batch).rows) }
                next += 1
            }
            while next < min(parallelism, batches.count) { start() }
            for await (number, rows) in group {
                results[number] = rows
                if next < batches.count { start() }
            }
        }
        return results.flatMap { $0 }
    }
}
