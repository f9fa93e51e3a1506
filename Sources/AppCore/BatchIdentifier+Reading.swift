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
    /// Reads a whole inventory file's bytes and identifies its distinct keys while reading goes on: each time
    /// reading has found `batch` new keys they go to a task, at most `parallelism` at a time, so the cores that
    /// reading leaves idle identify. A refused file returns its `InventoryError` (rows already delivered
    /// belong to the refused file and are dropped).
    public func readAndIdentify(
        _ bytes: [UInt8], reader: InventoryReader, chunk: Int = 1 << 22, batch: Int = 256
    ) async -> Result<IdentifiedInventory, InventoryError> {
        var reader = reader
        var digest = InventoryDigest()
        var summary = InventorySummary()
        var failure: InventoryError?
        let identifier = self.identifier
        let parallelism = self.parallelism
        let batch = max(1, batch)
        let answers = await withTaskGroup(of: (Int, [RowIdentification]).self) { group in
            var results: [[RowIdentification]] = []
            var handedOut = 0
            var running = 0
            var offset = 0
            var finished = false
            while !finished {
                do throws(InventoryError) {
                    if offset < bytes.count {
                        let end = min(bytes.count, offset + max(1, chunk))
                        try reader.feed(Array(bytes[offset..<end]), to: &digest)
                        offset = end
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
        if let failure { return .failure(failure) }
        var report = ConversionReport()
        for row in digest.rows {
            let answer = answers[Int(row.key)]
            report.add(answer.resolution, prohibited: answer.prohibited)
        }
        report.distinctKeys = digest.keys.count
        return .success(IdentifiedInventory(digest: digest, summary: summary, answers: answers, report: report))
    }
}
