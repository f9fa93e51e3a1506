import Identification
import Inventory

/// An inventory read and identified: its digest, what reading found, one answer per distinct key and the
/// conversion report.
public struct IdentifiedInventory: Sendable {
    public var digest: InventoryDigest
    public var summary: InventorySummary
    /// One per `digest.keys` element, in that order.
    public var answers: [RowIdentification]
    public var report: ConversionReport
}

extension BatchIdentifier {
    /// Reads an inventory piece by piece (`next` returns the next piece of the file, nil at its end) and
    /// identifies its distinct keys while reading goes on: each time reading has found `batch` new keys they go to
    /// a task, at most `parallelism` at a time, so the cores that reading leaves idle identify. Only the digest
    /// (16 bytes per row and each distinct key once) is kept, never the file. Throws the reader's
    /// `InventoryError` when it refuses the file (rows already delivered belong to the refused file and are
    /// dropped), or what `next` throws.
    public func readAndIdentify(
        reader: InventoryReader, batch: Int = 256, next: () throws -> [UInt8]?
    ) async throws -> IdentifiedInventory {
        var reader = reader
        var digest = InventoryDigest()
        var summary = InventorySummary()
        var failure: (any Error)?
        let identifier = self.identifier
        let parallelism = self.parallelism
        let batch = max(1, batch)
        let answers = await withTaskGroup(of: (Int, [RowIdentification]).self) { group in
            var results: [[RowIdentification]] = []
            var handedOut = 0
            var running = 0
            var finished = false
            while !finished {
                do {
                    if let piece = try next() {
                        try reader.feed(piece, to: &digest)
                    } else {
                        summary = try reader.finish(to: &digest)
                        finished = true
                    }
                } catch {
                    failure = error
                    break
                }
                while digest.keys.count - handedOut >= batch || (finished && handedOut < digest.keys.count) {
                    if running >= parallelism, let (number, rows) = await group.next() {
                        results[number] = rows
                        running -= 1
                    }
                    let end = min(digest.keys.count, handedOut + batch)
                    let records = Array(digest.keys[handedOut..<end])
                    let number = results.count
                    results.append([])
                    group.addTask { (number, identifier.identify(records).rows) }
                    handedOut = end
                    running += 1
                }
            }
            for await (number, rows) in group { results[number] = rows }
            return results.flatMap { $0 }
        }
        if let failure { throw failure }
        var report = ConversionReport()
        for row in digest.rows {
            let answer = answers[Int(row.key)]
            report.add(answer.resolution, prohibited: answer.prohibited)
        }
        report.distinctKeys = digest.keys.count
        return IdentifiedInventory(digest: digest, summary: summary, answers: answers, report: report)
    }
}
