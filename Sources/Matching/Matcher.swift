import CPE
import VulnModel

/// One inventory row: a host and the CPE 2.3 name of something it runs. All rows of a host form its
/// platform, which "running on/with" conditions are checked against.
public struct InventoryEntry: Hashable, Sendable {
    public var host: HostID
    public var cpe: String

    public init(host: HostID, cpe: String) {
        self.host = host
        self.cpe = cpe
    }
}

/// A row whose CPE could not be parsed; matching refuses the inventory rather than guess.
public struct RejectedEntry: Hashable, Sendable {
    /// Zero-based position of the row in the input.
    public var row: Int
    public var error: CPEParseError
}

/// Matches inventories against an index: rows are deduplicated to distinct CPE names, each distinct name
/// is matched once, CVEs that need the host's other items are evaluated once per item and set of conditions
/// met (`HostContexts`, `ContextEvaluator`), and the results are fanned back out to hosts.
///
/// The work comes in phases so that a caller can spread it over cores without this module knowing about
/// concurrency: `plan` reads the rows, `MatchPlan.matchItems` matches any range of distinct items,
/// `collectContexts` gathers the hosts' distinct evaluation contexts, `evaluate` evaluates any range of them,
/// and `result` puts the pieces together. `match` runs them all in turn.
public struct Matcher: Sendable {
    public let index: MatchIndex

    public init(index: MatchIndex) {
        self.index = index
    }

    public func match(_ entries: [InventoryEntry]) -> Result<MatchResult, MatchInputError> {
        plan(entries).map { plan in
            let items = [plan.matchItems(0..<plan.itemCount)]
            let contexts = plan.collectContexts(items: items)
            let findings = plan.evaluate(0..<contexts.count, of: contexts, items: items)
            return plan.result(items: items, contexts: contexts, findings: [findings])
        }
    }

    /// Reads the rows: distinct items (plus the platform names their operating systems imply) and hosts.
    public func plan(_ entries: [InventoryEntry]) -> Result<MatchPlan, MatchInputError> {
        var itemNumbers: [String: Int32] = [:]
        var items: [InventoryItem] = []
        var hostNumbers: [HostID: Int32] = [:]
        var hosts: [HostID] = []
        var hostItems: [[Int32]] = []
        var rejected: [RejectedEntry] = []
        for (row, entry) in entries.enumerated() {
            let itemNumber: Int32
            if let known = itemNumbers[entry.cpe] {
                itemNumber = known
            } else {
                do {
                    let name = try CPEName(formattedString: entry.cpe)
                    itemNumber = Int32(items.count)
                    items.append(InventoryItem(text: entry.cpe, name: name))
                    itemNumbers[entry.cpe] = itemNumber
                } catch {
                    rejected.append(RejectedEntry(row: row, error: error))
                    continue
                }
            }
            let hostNumber: Int32
            if let known = hostNumbers[entry.host] {
                hostNumber = known
            } else {
                hostNumber = Int32(hosts.count)
                hostNumbers[entry.host] = hostNumber
                hosts.append(entry.host)
                hostItems.append([])
            }
            hostItems[Int(hostNumber)].append(itemNumber)
        }
        guard rejected.isEmpty else { return .failure(MatchInputError(rejected: rejected)) }
        addImpliedPlatforms(to: &hostItems, items: &items)
        return .success(
            MatchPlan(index: index, hosts: hosts, hostItems: hostItems.map(Self.uniqued), items: items)
        )
    }

    /// Gives each host the generic platform names its operating systems imply. Implied items are numbered
    /// apart from listed ones, so a host that lists `o:microsoft:windows:-` itself keeps it as a real item.
    private func addImpliedPlatforms(to hostItems: inout [[Int32]], items: inout [InventoryItem]) {
        var impliedNumbers: [String: Int32] = [:]
        for host in hostItems.indices {
            for item in hostItems[host] {
                for name in PlatformImplication.implied(by: items[Int(item)].name) {
                    let text = name.formattedString
                    let number: Int32
                    if let known = impliedNumbers[text] {
                        number = known
                    } else {
                        number = Int32(items.count)
                        items.append(InventoryItem(text: text, name: name, isImplied: true))
                        impliedNumbers[text] = number
                    }
                    hostItems[host].append(number)
                }
            }
        }
    }

    /// Keeps the first occurrence of each item (a host listing the same product twice is one item).
    private static func uniqued(_ numbers: [Int32]) -> [Int32] {
        var seen = Set<Int32>()
        return numbers.filter { seen.insert($0).inserted }
    }
}

/// The inventory rows that could not be read, with their positions.
public struct MatchInputError: Error, Hashable, Sendable {
    public var rejected: [RejectedEntry]
}
