/// The merged vulnerability knowledge: one record per CVE, KEV and EPSS facts, and every diagnostic.
public struct KnowledgeBase: Sendable {
    public var records: [CVEID: CVERecord]
    public var kev: [CVEID: KEVEntry]
    public var epss: [CVEID: EPSSScore]
    public var diagnostics: [Diagnostic]
    public var documents: [DocumentSummary]

    public init(
        records: [CVEID: CVERecord] = [:],
        kev: [CVEID: KEVEntry] = [:],
        epss: [CVEID: EPSSScore] = [:],
        diagnostics: [Diagnostic] = [],
        documents: [DocumentSummary] = []
    ) {
        self.records = records
        self.kev = kev
        self.epss = epss
        self.diagnostics = diagnostics
        self.documents = documents
    }

    /// KEV facts for a CVE: the catalogue entry when present, else what the record itself embeds.
    public func kevEntry(for cve: CVEID) -> KEVEntry? { kev[cve] ?? records[cve]?.kev }
}

extension KnowledgeBase {
    /// Merges feed batches in any order into a knowledge base. The rules, per CVE:
    /// - NVD records (API 2.0 and 1.1 feeds, yearly and modified): the newest `lastModified` wins; on a tie
    ///   the API 2.0 record, then the later document name.
    /// - An override's configurations replace NVD's (that is what an override is for: adding configurations
    ///   NVD has not analysed, or correcting wrong ones); its provenance is kept on the configurations.
    /// - CVE JSON 5 (CNA + CISA ADP) supplies configurations only when neither NVD nor an override has any,
    ///   and its metrics and references are added beside NVD's, each with its own provenance.
    /// - KEV: the catalogue entry; else the record's embedded facts.
    public struct Builder: Sendable {
        private var nvd: [CVEID: CVERecord] = [:]
        private var overrides: [CVEID: CVERecord] = [:]
        private var cve5: [CVEID: CVERecord] = [:]
        private var kev: [CVEID: KEVEntry] = [:]
        private var epss: [CVEID: EPSSScore] = [:]
        private var diagnostics: [Diagnostic] = []
        private var documents: [DocumentSummary] = []

        public init() {}

        public mutating func add(_ batch: FeedBatch) {
            for record in batch.records {
                switch record.provenance.kind {
                case .nvdOverride: Self.keepNewest(record, in: &overrides)
                case .cve5: Self.keepNewest(record, in: &cve5)
                default: Self.keepNewest(record, in: &nvd)
                }
            }
            for entry in batch.kev {
                if let existing = kev[entry.cve], existing.provenance.document > entry.provenance.document { continue }
                kev[entry.cve] = entry
            }
            for score in batch.epss {
                if let existing = epss[score.cve], existing.provenance.document > score.provenance.document { continue }
                epss[score.cve] = score
            }
            diagnostics += batch.diagnostics
            documents.append(
                DocumentSummary(
                    document: batch.document,
                    kind: batch.kind,
                    records: batch.records.count,
                    kevEntries: batch.kev.count,
                    epssScores: batch.epss.count,
                    diagnostics: batch.diagnostics.count,
                    version: batch.version
                )
            )
        }

        public consuming func build() -> KnowledgeBase {
            var merged: [CVEID: CVERecord] = [:]
            merged.reserveCapacity(max(nvd.count, cve5.count) + overrides.count)
            let ids = Set(nvd.keys).union(overrides.keys).union(cve5.keys)
            for id in ids {
                merged[id] = Self.merge(nvd: nvd[id], override: overrides[id], cve5: cve5[id])
            }
            documents.sort { $0.document < $1.document }
            diagnostics.sort { ($0.document, $0.offset ?? 0) < ($1.document, $1.offset ?? 0) }
            return KnowledgeBase(records: merged, kev: kev, epss: epss, diagnostics: diagnostics, documents: documents)
        }

        private static func keepNewest(_ record: CVERecord, in slots: inout [CVEID: CVERecord]) {
            if let existing = slots[record.id], !isNewer(record, than: existing) { return }
            slots[record.id] = record
        }

        /// A total order so that the merge does not depend on load order.
        static func isNewer(_ candidate: CVERecord, than existing: CVERecord) -> Bool {
            let lhs = candidate.lastModified?.millisecondsSinceEpoch ?? .min
            let rhs = existing.lastModified?.millisecondsSinceEpoch ?? .min
            if lhs != rhs { return lhs > rhs }
            let candidateRank = candidate.provenance.kind == .nvdAPI ? 1 : 0
            let existingRank = existing.provenance.kind == .nvdAPI ? 1 : 0
            if candidateRank != existingRank { return candidateRank > existingRank }
            return candidate.provenance.document > existing.provenance.document
        }

        private static func merge(nvd: CVERecord?, override: CVERecord?, cve5: CVERecord?) -> CVERecord? {
            guard var result = nvd ?? cve5 ?? override else { return nil }
            if let override, override.provenance.kind == .nvdOverride, !override.configurations.isEmpty {
                result.configurations = override.configurations
                result.configurationProvenance = override.provenance
            } else if result.configurations.isEmpty, let cve5, !cve5.configurations.isEmpty {
                result.configurations = cve5.configurations
                result.configurationProvenance = cve5.configurationProvenance ?? cve5.provenance
            }
            if result.summary.isEmpty { result.summary = cve5?.summary ?? override?.summary ?? "" }
            if let cve5, nvd != nil {
                let known = Set(result.metrics.map { "\($0.version.rawValue) \($0.vector) \($0.scorer ?? "")" })
                result.metrics += cve5.metrics.filter {
                    !known.contains("\($0.version.rawValue) \($0.vector) \($0.scorer ?? "")")
                }
                let urls = Set(result.references.map(\.url))
                result.references += cve5.references.filter { !urls.contains($0.url) }
                if result.weaknesses.isEmpty { result.weaknesses = cve5.weaknesses }
                if result.kev == nil { result.kev = cve5.kev }
                if cve5.status == .rejected { result.status = .rejected }
            }
            return result
        }
    }
}
