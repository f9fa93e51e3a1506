import VulnModel

/// The products whose findings a knowledge-base change can alter: for every CVE whose configurations or
/// assessment facts (status, metrics, references, KEV, EPSS) differ between `before` and `after`, the
/// `vendor:product` of every criterion it had before or has after. Where a fact came from (document names) is
/// ignored, so re-reading the same data under another file name touches nothing.
public enum ProductChanges {
    public static func touched(before: KnowledgeBase, after: KnowledgeBase) -> Set<String> {
        var products: Set<String> = []
        var ids = Set(before.records.keys).union(after.records.keys)
        ids.formUnion(before.kev.keys)
        ids.formUnion(after.kev.keys)
        ids.formUnion(before.epss.keys)
        ids.formUnion(after.epss.keys)
        for id in ids where Facts(before, id) != Facts(after, id) {
            for record in [before.records[id], after.records[id]] {
                for configuration in record?.configurations ?? [] {
                    for match in configuration.allMatches {
                        if let product = product(of: match.criteria) { products.insert(product) }
                    }
                }
            }
        }
        return products
    }

    /// `vendor:product` of a CPE 2.3 formatted string, lower-cased and with the string's own escaping; nil when
    /// the criterion is not a CPE 2.3 name.
    public static func product(of criteria: String) -> String? {
        var fields: [Substring] = []
        var start = criteria.startIndex
        var index = criteria.startIndex
        var escaped = false
        while index < criteria.endIndex, fields.count < 5 {
            let character = criteria[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(criteria[start..<index])
                start = criteria.index(after: index)
            }
            index = criteria.index(after: index)
        }
        guard fields.count == 5, fields[0] == "cpe", fields[1] == "2.3", !fields[3].isEmpty, !fields[4].isEmpty
        else { return nil }
        return "\(fields[3]):\(fields[4])".lowercased()
    }

    /// What a finding shows of one CVE, without provenance.
    private struct Facts: Equatable {
        var status: String?
        var summary: String?
        var configurations: [Configuration]?
        var metrics: [String]?
        var references: [String]?
        var kev: [String?]?
        var epss: [Double]?

        init(_ base: KnowledgeBase, _ id: CVEID) {
            let record = base.records[id]
            status = record?.status.text
            summary = record?.summary
            configurations = record?.configurations
            metrics = record?.metrics.map {
                "\($0.version.rawValue) \($0.vector) \($0.publishedScore.map { "\($0)" } ?? "") \($0.scorer ?? "") "
                    + ($0.role == .primary ? "primary" : "secondary")
            }
            references = record?.references.map { "\($0.url) \($0.tags.joined(separator: ","))" }
            kev = base.kevEntry(for: id).map {
                [$0.dateAdded?.description, $0.dueDate?.description, $0.requiredAction, $0.knownRansomwareCampaignUse]
            }
            epss = base.epss[id].map { [$0.probability, $0.percentile] }
        }
    }
}
