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

    /// What matching these entries can look up in the index (`ProductReach`): their own products and those of
    /// the platforms they imply. Rows that do not parse add nothing (matching rejects them anyway).
    package static func reach(of entries: [InventoryEntry]) -> ProductReach {
        var seen = Set<String>()
        var reach = ProductReach()
        for entry in entries where seen.insert(entry.cpe).inserted {
            guard let name = try? CPEName(formattedString: entry.cpe) else { continue }
            reach.add(name)
            for implied in PlatformImplication.implied(by: name) { reach.add(implied) }
        }
        return reach
    }

    public func match(_ entries: [InventoryEntry]) -> Result<MatchResult, MatchInputError> {
        plan(entries).map { plan in
            let items = [plan.matchItems(0..<plan.itemCount)]
            let contexts = plan.mergeContexts([plan.collectContexts(hosts: 0..<plan.hostCount, items: items)])
            let findings = plan.evaluate(0..<contexts.count, of: contexts, items: items)
            return plan.result(items: items, contexts: contexts, findings: [findings])
        }
    }

    /// Reads the rows: distinct items (plus the platform names their operating systems imply) and hosts.
    public func plan(_ entries: [InventoryEntry]) -> Result<MatchPlan, MatchInputError> {
        plan([readRows(entries, entries.indices)])
    }

    /// Reads a range of the rows on its own (see `InventoryRows`).
    public func readRows(_ entries: [InventoryEntry], _ range: Range<Int>) -> InventoryRows {
        InventoryRows(entries, range: range)
    }

    /// Merges ranges of rows that together cover the inventory into distinct items and hosts numbered in order of
    /// first appearance, as one pass over the rows would.
    public func plan(_ pieces: [InventoryRows]) -> Result<MatchPlan, MatchInputError> {
        let pieces = pieces.sorted { $0.range.lowerBound < $1.range.lowerBound }
        let rejected = pieces.flatMap(\.rejected)
        guard rejected.isEmpty else { return .failure(MatchInputError(rejected: rejected)) }
        var itemNumbers = TextNumbers()
        var items: [InventoryItem] = []
        var hostNumbers: [HostID: Int32] = [:]
        var hosts: [HostID] = []
        var hostItems: [[Int32]] = []
        for piece in pieces {
            let itemMap = piece.items.map { item in
                if let known = itemNumbers.number(of: item.text) { return known }
                items.append(item)
                return itemNumbers.insert(item.text)
            }
            let hostMap = piece.hosts.map { host in
                if let known = hostNumbers[host] { return known }
                let number = Int32(hosts.count)
                hostNumbers[host] = number
                hosts.append(host)
                hostItems.append([])
                return number
            }
            for row in piece.rows { hostItems[Int(hostMap[Int(row.host)])].append(itemMap[Int(row.item)]) }
        }
        // A host lists an item once however many rows repeat it, wherever they are: keep the first of each.
        var lastHost = [Int32](repeating: -1, count: items.count)
        for host in hostItems.indices {
            hostItems[host] = hostItems[host].filter { item in
                defer { lastHost[Int(item)] = Int32(host) }
                return lastHost[Int(item)] != Int32(host)
            }
        }
        addImpliedPlatforms(to: &hostItems, items: &items)
        return .success(MatchPlan(index: index, hosts: hosts, hostItems: hostItems, items: items))
    }

    /// Gives each host the generic platform names its operating systems imply. Implied items are numbered
    /// apart from listed ones, so a host that lists `o:microsoft:windows:-` itself keeps it as a real item. What an
    /// item implies is worked out once per distinct item.
    private func addImpliedPlatforms(to hostItems: inout [[Int32]], items: inout [InventoryItem]) {
        let listed = items.count
        var impliedNumbers: [String: Int32] = [:]
        var implied: [[Int32]?] = Array(repeating: nil, count: listed)
        var lastHost: [Int32] = []
        for host in hostItems.indices {
            for item in hostItems[host] where Int(item) < listed {
                let numbers: [Int32]
                if let known = implied[Int(item)] {
                    numbers = known
                } else {
                    numbers = PlatformImplication.implied(by: items[Int(item)].name).map { name in
                        let text = name.formattedString
                        if let known = impliedNumbers[text] { return known }
                        let number = Int32(items.count)
                        items.append(InventoryItem(text: text, name: name, isImplied: true))
                        impliedNumbers[text] = number
                        lastHost.append(-1)
                        return number
                    }
                    implied[Int(item)] = numbers
                }
                for number in numbers where lastHost[Int(number) - listed] != Int32(host) {
                    lastHost[Int(number) - listed] = Int32(host)
                    hostItems[host].append(number)
                }
            }
        }
    }
}

/// The inventory rows that could not be read, with their positions.
public struct MatchInputError: Error, Hashable, Sendable {
    public var rejected: [RejectedEntry]
}

/// The part of the index some items can hit, product by product (`part:vendor:product`): every criterion of the
/// product except the exact-version ones, and of those only the ones under the items' own version keys
/// (`MatchIndex.exactKey`), or all of them when an item of the product names no version (`MatchIndex.hits`). An
/// index holding these criteria and the wildcard criteria, and every CVE in which one of them is a vulnerable
/// criterion, matches the items exactly as the whole index does: a CVE where they are only conditions ("running
/// on") has vulnerable criteria no item hits, so no finding.
package struct ProductReach: Sendable {
    package struct Versions: Sendable {
        package var all = false
        package var keys: Set<String> = []
    }

    package private(set) var products: [String: Versions] = [:]

    package init() {}

    mutating func add(_ name: CPEName) {
        let key = ProductKey(name).text
        if let version = name[.version].logical {
            products[key, default: Versions()].keys.insert(MatchIndex.exactKey(version))
        } else {
            products[key, default: Versions()].all = true
        }
    }
}
