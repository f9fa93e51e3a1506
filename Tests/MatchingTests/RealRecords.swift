import Feeds
import Matching
import TestSupport
import VulnModel

/// The real records cut by `scripts/fixtures/cut_matching_fixtures.py`, decoded by the real decoders.
enum RealRecords {
    static let documents = [
        "nvd-api-2.0-cases.json.gz", "nvd-feed-1.1-CVE-2021-3942.json.gz", "cve5-adp-only.jsonl.gz",
        "kev-subset.json.gz", "epss-subset.csv.gz",
    ]

    static func batches() throws -> [FeedBatch] {
        try documents.map { name in
            FeedDecoder.decode(try SharedData.bytes(at: SharedData.fixture("Matching/\(name)")), document: name)
        }
    }

    static func knowledgeBase(editing edit: (inout CVERecord) -> Void = { _ in }, of cve: String? = nil) throws
        -> KnowledgeBase
    {
        var builder = KnowledgeBase.Builder()
        for var batch in try batches() {
            if let cve, let id = CVEID(cve) {
                for index in batch.records.indices where batch.records[index].id == id { edit(&batch.records[index]) }
            }
            builder.add(batch)
        }
        return builder.build()
    }

    static let shared: KnowledgeBase? = try? knowledgeBase()

    /// Matches hosts given as `host: [cpe]` and returns the findings.
    static func match(_ hosts: KeyValuePairs<String, [String]>, in base: KnowledgeBase? = shared) -> [Finding] {
        guard let base else { return [] }
        let entries = hosts.flatMap { host, cpes in cpes.map { InventoryEntry(host: HostID(host), cpe: $0) } }
        switch Matcher(index: MatchIndex(knowledgeBase: base)).match(entries) {
        case .success(let result): return result.findings
        case .failure: return []
        }
    }
}

extension Array where Element == Finding {
    func only(_ cve: String) -> [Finding] { filter { $0.cve.description == cve } }
}
