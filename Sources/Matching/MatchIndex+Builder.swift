import CPE
import Versioning
import VulnModel

extension MatchIndex {
    /// Interns criteria (criteria string + range) across all CVEs and compiles configurations into flat arrays.
    struct Builder {
        private var criteria: [CompiledCriterion] = []
        /// Criteria string → the ranges seen with it and their numbers. Keyed on the string alone so that
        /// hashing touches one string; the few ranges per string are compared directly.
        private var numbers: [String: [(bounds: Bounds, number: Int32)]] = [:]
        private var malformed: Set<String> = []
        private var buckets: [ProductKey: Bucket] = [:]
        private var wildcardCriteria: [Int32] = []
        private var cves: [CompiledCVE] = []
        private var configurations: [CompiledGroup] = []
        private var nodes: [CompiledGroup] = []
        private var entries: [NodeEntry] = []
        private var diagnostics: [Diagnostic] = []

        private struct Bounds: Equatable {
            let startIncluding: String?
            let startExcluding: String?
            let endIncluding: String?
            let endExcluding: String?
        }

        init(expectedCriteria: Int) {
            numbers.reserveCapacity(expectedCriteria)
            criteria.reserveCapacity(expectedCriteria)
        }

        mutating func add(_ record: CVERecord) {
            guard !record.configurations.isEmpty else { return }
            let source = record.effectiveConfigurationProvenance
            let firstConfiguration = Int32(configurations.count)
            var isSimple = true
            for configuration in record.configurations {
                let firstNode = Int32(nodes.count)
                for node in configuration.nodes {
                    let firstEntry = Int32(entries.count)
                    for match in node.matches {
                        guard let number = intern(match, cve: record.id, source: source) else { continue }
                        entries.append(NodeEntry(criterion: number, vulnerable: match.vulnerable))
                        if !match.vulnerable { isSimple = false }
                    }
                    nodes.append(
                        CompiledGroup(op: node.op, negate: node.negate, members: firstEntry..<Int32(entries.count))
                    )
                    if node.negate || node.op == .and { isSimple = false }
                }
                if configuration.negate || (configuration.op == .and && configuration.nodes.count > 1) {
                    isSimple = false
                }
                configurations.append(
                    CompiledGroup(
                        op: configuration.op, negate: configuration.negate, members: firstNode..<Int32(nodes.count))
                )
            }
            cves.append(
                CompiledCVE(
                    id: record.id,
                    configurations: firstConfiguration..<Int32(configurations.count),
                    source: source,
                    isSimple: isSimple
                )
            )
        }

        private mutating func intern(_ match: CPEMatch, cve: CVEID, source: Provenance) -> Int32? {
            let bounds = Bounds(
                startIncluding: match.versionStartIncluding,
                startExcluding: match.versionStartExcluding,
                endIncluding: match.versionEndIncluding,
                endExcluding: match.versionEndExcluding
            )
            if let known = numbers[match.criteria]?.first(where: { $0.bounds == bounds }) { return known.number }
            let name: CPEName
            do {
                name = try CPEName(formattedString: match.criteria)
            } catch {
                if malformed.insert(match.criteria).inserted {
                    diagnostics.append(
                        Diagnostic(kind: .malformedCPE, document: source.document, cve: cve, message: error.description)
                    )
                }
                return nil
            }
            let startIncluding = Self.meaningfulStart(match.versionStartIncluding)
            let startExcluding = Self.meaningfulStart(match.versionStartExcluding)
            let hasRange =
                startIncluding != nil || startExcluding != nil || match.versionEndIncluding != nil
                || match.versionEndExcluding != nil
            let range =
                hasRange
                ? VersionRange(
                    startIncluding: startIncluding,
                    startExcluding: startExcluding,
                    endIncluding: match.versionEndIncluding,
                    endExcluding: match.versionEndExcluding
                ) : nil
            let compiled = CompiledCriterion(text: match.criteria, name: name, range: range)
            let number = Int32(criteria.count)
            criteria.append(compiled)
            numbers[match.criteria, default: []].append((bounds, number))
            if !compiled.openProduct.isEmpty {
                wildcardCriteria.append(number)
            } else if range == nil, let exact = compiled.exactVersion {
                buckets[ProductKey(name), default: Bucket()].exact[MatchIndex.exactKey(exact.raw), default: []]
                    .append(number)
            } else {
                buckets[ProductKey(name), default: Bucket()].other.append(number)
            }
            return number
        }

        /// NVD writes "no lower bound" as `versionStartIncluding: "-"` (198 times in the shared corpora) or `""`
        /// (twice): the range starts at the beginning. An upper bound of `-` has no such reading and stays, to be
        /// reported as indeterminate.
        private static func meaningfulStart(_ bound: String?) -> String? {
            guard let bound, bound != "-", bound != "*", !bound.isEmpty else { return nil }
            return bound
        }

        consuming func finish() -> MatchIndex {
            var simple: [(Int32, SimpleUse)] = []
            var conditionCriteria = [Bool](repeating: false, count: criteria.count)
            var placements: [Placement] = []
            for (number, cve) in cves.enumerated() {
                if !cve.isSimple {
                    markConditions(of: cve, in: &conditionCriteria)
                    let first = Int32(placements.count)
                    for configuration in configurations[cve.configurations] {
                        for node in configuration.members {
                            for entry in entries[nodes[Int(node)].members] {
                                placements.append(
                                    Placement(criterion: entry.criterion, node: node, vulnerable: entry.vulnerable)
                                )
                            }
                        }
                    }
                    placements[Int(first)...].sort { ($0.criterion, $0.node) < ($1.criterion, $1.node) }
                    cves[number].placements = first..<Int32(placements.count)
                }
                var seen = Set<Int32>()
                for (position, configuration) in configurations[cve.configurations].enumerated() {
                    for node in nodes[configuration.members] {
                        for entry in entries[node.members] {
                            if cve.isSimple, seen.insert(entry.criterion).inserted {
                                simple.append(
                                    (entry.criterion, SimpleUse(cve: Int32(number), configuration: Int32(position))))
                            }
                        }
                    }
                }
            }
            return MatchIndex(
                criteria: criteria,
                buckets: buckets,
                wildcardCriteria: wildcardCriteria,
                cves: cves,
                configurations: configurations,
                nodes: nodes,
                entries: entries,
                simpleUses: Adjacency(count: criteria.count, pairs: simple),
                conditionCriteria: conditionCriteria,
                placements: placements,
                diagnostics: diagnostics
            )
        }

        /// Marks the criteria that are conditions for a vulnerable criterion elsewhere in a configuration: every
        /// criterion of an AND configuration's nodes other than one holding vulnerable criteria, and the members
        /// of an AND node that holds another vulnerable criterion. Negated configurations give no findings.
        private func markConditions(of cve: CompiledCVE, in marks: inout [Bool]) {
            for configuration in configurations[cve.configurations] where !configuration.negate {
                let members = nodes[configuration.members]
                let vulnerableNodes = members.indices.filter {
                    entries[members[$0].members].contains(where: \.vulnerable)
                }
                for nodeNumber in members.indices {
                    let node = members[nodeNumber]
                    let nodeEntries = entries[node.members]
                    let gatesOtherNode =
                        configuration.op == .and && vulnerableNodes.contains { $0 != nodeNumber }
                    for entryNumber in nodeEntries.indices {
                        let gatesSameNode =
                            node.op == .and
                            && nodeEntries.indices.contains { $0 != entryNumber && nodeEntries[$0].vulnerable }
                        if gatesOtherNode || gatesSameNode { marks[Int(nodeEntries[entryNumber].criterion)] = true }
                    }
                }
            }
        }
    }
}
