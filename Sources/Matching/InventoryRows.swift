import CPE
import VulnModel

/// A contiguous range of inventory rows reduced to distinct hosts and distinct items on its own, so that ranges can
/// be read on separate cores; `Matcher.plan(_:)` merges them (a few hundred thousand look-ups for a million rows)
/// into the numbering a single pass would give.
public struct InventoryRows: Sendable {
    let range: Range<Int>
    /// The range's distinct items, in order of first appearance, parsed.
    let items: [InventoryItem]
    /// The range's distinct hosts, in order of first appearance.
    let hosts: [HostID]
    /// Per row: the local host and item numbers; rejected rows are left out.
    let rows: [(host: Int32, item: Int32)]
    let rejected: [RejectedEntry]

    /// Reads `entries[range]`. Consecutive rows of one host (the usual layout of an export) are recognised by one
    /// comparison with the previous row instead of a hash look-up.
    init(_ entries: [InventoryEntry], range: Range<Int>) {
        var itemNumbers = TextNumbers()
        var items: [InventoryItem] = []
        var hostNumbers: [HostID: Int32] = [:]
        var hosts: [HostID] = []
        var rows: [(host: Int32, item: Int32)] = []
        var rejected: [RejectedEntry] = []
        var unreadable: [String: CPEParseError] = [:]
        rows.reserveCapacity(range.count)
        var previousHost: Int32 = -1
        for row in range {
            let entry = entries[row]
            let itemNumber: Int32
            if let known = itemNumbers.number(of: entry.cpe) {
                itemNumber = known
            } else if let error = unreadable[entry.cpe] {
                rejected.append(RejectedEntry(row: row, error: error))
                continue
            } else {
                do {
                    let name = try CPEName(formattedString: entry.cpe)
                    itemNumber = itemNumbers.insert(entry.cpe)
                    items.append(InventoryItem(text: entry.cpe, name: name))
                } catch {
                    unreadable[entry.cpe] = error
                    rejected.append(RejectedEntry(row: row, error: error))
                    continue
                }
            }
            let hostNumber: Int32
            if previousHost >= 0, hosts[Int(previousHost)] == entry.host {
                hostNumber = previousHost
            } else if let known = hostNumbers[entry.host] {
                hostNumber = known
            } else {
                hostNumber = Int32(hosts.count)
                hostNumbers[entry.host] = hostNumber
                hosts.append(entry.host)
            }
            previousHost = hostNumber
            rows.append((hostNumber, itemNumber))
        }
        self.range = range
        self.items = items
        self.hosts = hosts
        self.rows = rows
        self.rejected = rejected
    }
}
