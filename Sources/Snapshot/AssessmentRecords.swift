import VulnModel

/// The facts for assessing each indexed CVE, stored one record per CVE and decoded only when a CVE is found:
/// a national inventory touches a few thousand CVEs of the two hundred thousand a snapshot holds.
public struct SnapshotAssessments: AssessmentSource {
    /// The snapshot's bytes: the whole file read into memory, or memory (a mapped file) that an owner keeps valid.
    enum Storage: @unchecked Sendable {
        case array([UInt8])
        case buffer(UnsafeRawBufferPointer, owner: any AnyObject & Sendable)
    }

    private let storage: Storage
    private let sections: RecordSections

    init(storage: Storage, sections: RecordSections) {
        self.storage = storage
        self.sections = sections
    }

    static func key(_ cve: CVEID) -> UInt64 { UInt64(cve.year) << 32 | UInt64(cve.number) }

    public func assessment(of cve: CVEID, policy: RiskPolicy) -> CVEAssessment {
        let facts = record(of: cve) { reader throws(SnapshotError) in try CVEFacts(decoding: &reader, cve: cve) }
        return CVEAssessment(
            cve: cve,
            metrics: facts?.metrics ?? [],
            kev: facts?.kev,
            epss: facts?.epss,
            prioritizedReferences: facts?.references,
            summary: facts?.summary ?? "",
            policy: policy
        )
    }

    /// Decodes only the metrics and the KEV flag of the record: a per-host summary needs no more, and the
    /// references and summary text are most of a record.
    public func flags(of cve: CVEID, policy: RiskPolicy) -> CVEFlags {
        let flags = record(of: cve) { reader throws(SnapshotError) in
            try reader.skipString()
            let metrics = try CVEFacts.metrics(decoding: &reader)
            for _ in 0..<(try reader.count(minimumSize: 9)) {
                try reader.skipString()
                try reader.skipOptionalString()
                for _ in 0..<(try reader.count(minimumSize: 4)) { try reader.skipString() }
            }
            return CVEFlags(highRisk: policy.assess(metrics)?.highRisk == true, knownExploited: try reader.bool())
        }
        return flags ?? CVEFlags(highRisk: false, knownExploited: false)
    }

    /// The CVE's record decoded by `body`, read where it lies, or nil when there is none or it does not decode.
    private func record<T>(of cve: CVEID, _ body: (inout ByteReader) throws(SnapshotError) -> T) -> T? {
        func decode(_ bytes: UnsafeRawBufferPointer) -> T? {
            var reader = ByteReader(bytes)
            guard let offset = try? sections.record(Self.key(cve), reader) else { return nil }
            reader.offset = offset
            reader.strings = sections.strings
            return try? body(&reader)
        }
        switch storage {
        case .array(let bytes): return bytes.withUnsafeBytes(decode)
        case .buffer(let bytes, let owner): return withExtendedLifetime(owner) { decode(bytes) }
        }
    }
}

/// One CVE's stored facts: all metrics (the policy is applied when matching), prioritised references,
/// KEV and EPSS.
struct CVEFacts {
    var metrics: [CVSSMetric]
    var references: [Reference]
    var kev: KEVEntry?
    var epss: EPSSScore?
    var summary: String

    init(_ base: KnowledgeBase, cve: CVEID) {
        let record = base.records[cve]
        metrics = record?.metrics ?? []
        references = (record?.references ?? []).prioritized(for: cve)
        kev = base.kevEntry(for: cve)
        epss = base.epss[cve]
        summary = record?.summary ?? ""
    }

    func encode(into writer: inout ByteWriter) {
        writer.string(summary)
        writer.count(metrics.count)
        for metric in metrics {
            writer.string(metric.version.rawValue)
            writer.string(metric.vector)
            writer.f64(metric.publishedScore ?? .nan)
            writer.optionalString(metric.scorer)
            writer.u8(metric.role == .primary ? 1 : 0)
            writer.provenance(metric.provenance)
        }
        writer.count(references.count)
        for reference in references {
            writer.string(reference.url)
            writer.optionalString(reference.source)
            writer.count(reference.tags.count)
            for tag in reference.tags { writer.string(tag) }
        }
        writer.u8(kev == nil ? 0 : 1)
        if let kev {
            for text in [kev.vendorProject, kev.product, kev.vulnerabilityName] { writer.optionalString(text) }
            writer.optionalString(kev.dateAdded?.description)
            writer.optionalString(kev.dueDate?.description)
            for text in [kev.requiredAction, kev.knownRansomwareCampaignUse, kev.notes] { writer.optionalString(text) }
            writer.provenance(kev.provenance)
        }
        writer.u8(epss == nil ? 0 : 1)
        if let epss {
            writer.f64(epss.probability)
            writer.f64(epss.percentile)
            writer.provenance(epss.provenance)
        }
    }

    static func metrics(decoding reader: inout ByteReader) throws(SnapshotError) -> [CVSSMetric] {
        var metrics: [CVSSMetric] = []
        for _ in 0..<(try reader.count(minimumSize: 16)) {
            let start = reader.offset
            guard let version = CVSSVersion(rawValue: try reader.string()) else {
                throw SnapshotError(offset: start, reason: "unknown CVSS version")
            }
            let vector = try reader.string()
            let published = try reader.f64()
            let scorer = try reader.optionalString()
            let role: CVSSMetric.Role = try reader.bool() ? .primary : .secondary
            metrics.append(
                CVSSMetric(
                    version: version,
                    vector: vector,
                    publishedScore: published.isNaN ? nil : published,
                    scorer: scorer,
                    role: role,
                    provenance: try reader.provenance()
                )
            )
        }
        return metrics
    }

    init(decoding reader: inout ByteReader, cve: CVEID) throws(SnapshotError) {
        summary = try reader.string()
        metrics = try Self.metrics(decoding: &reader)
        references = []
        for _ in 0..<(try reader.count(minimumSize: 9)) {
            let url = try reader.string()
            let source = try reader.optionalString()
            var tags: [String] = []
            for _ in 0..<(try reader.count(minimumSize: 4)) { tags.append(try reader.string()) }
            references.append(Reference(url: url, tags: tags, source: source))
        }
        kev = nil
        if try reader.bool() {
            var entry = KEVEntry(cve: cve, provenance: Provenance(kind: .kev, document: ""))
            entry.vendorProject = try reader.optionalString()
            entry.product = try reader.optionalString()
            entry.vulnerabilityName = try reader.optionalString()
            entry.dateAdded = try reader.optionalString().flatMap { Day(iso8601: $0) }
            entry.dueDate = try reader.optionalString().flatMap { Day(iso8601: $0) }
            entry.requiredAction = try reader.optionalString()
            entry.knownRansomwareCampaignUse = try reader.optionalString()
            entry.notes = try reader.optionalString()
            entry.provenance = try reader.provenance()
            kev = entry
        }
        epss = nil
        if try reader.bool() {
            let probability = try reader.f64()
            let percentile = try reader.f64()
            epss = EPSSScore(
                cve: cve,
                probability: probability,
                percentile: percentile,
                provenance: try reader.provenance()
            )
        }
    }
}
