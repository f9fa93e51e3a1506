import JSON
import VulnModel

/// What one `FeedDecoder.decode` call accumulates: the batch being built, the interner that lets records
/// share repeated strings, and the provenance values every record of the document points at.
final class DecodingContext {
    let document: String
    var kind: FeedKind
    var records: [CVERecord] = []
    var kev: [KEVEntry] = []
    var epss: [EPSSScore] = []
    var diagnostics: [Diagnostic] = []
    var version: String?
    var interner = StringInterner()
    /// The id of the record being read, once read, to name it in a syntax error's diagnostic.
    var currentCVE: CVEID?
    private var provenances: [ProvenanceKey: Provenance] = [:]
    private var lastProvenance: Provenance?

    private struct ProvenanceKey: Hashable {
        var kind: FeedKind
        var provider: String?
    }

    init(document: String, kind: FeedKind) {
        self.document = document
        self.kind = kind
    }

    var batch: FeedBatch {
        FeedBatch(
            document: document, kind: kind, records: records, kev: kev, epss: epss, diagnostics: diagnostics,
            version: version)
    }

    /// One shared `Provenance` per (kind, provider) so records do not each carry their own copies.
    func provenance(_ kind: FeedKind, provider: String?) -> Provenance {
        // Consecutive metrics and records mostly share one; interned names compare by identity first.
        if let last = lastProvenance, last.kind == kind, last.provider == provider { return last }
        let key = ProvenanceKey(kind: kind, provider: provider)
        defer { lastProvenance = provenances[key] }
        if let known = provenances[key] { return known }
        let made = Provenance(kind: kind, document: document, provider: provider)
        provenances[key] = made
        return made
    }

    /// Keeps a decoded record, its arrays trimmed to size and its tag lists shared with equal ones.
    func add(_ record: CVERecord) {
        var record = record
        record.metrics = record.metrics.compacted()
        record.weaknesses = record.weaknesses.compacted()
        record.references = record.references.map { reference in
            var reference = reference
            reference.tags = sharedTags(reference.tags)
            return reference
        }
        record.configurations = record.configurations.map { configuration in
            var configuration = configuration
            configuration.nodes = configuration.nodes.map { node in
                var node = node
                node.matches = node.matches.compacted()
                return node
            }
            return configuration
        }
        records.append(record)
    }

    /// One array per distinct tag list: most references carry one of a few dozen combinations.
    private func sharedTags(_ tags: [String]) -> [String] {
        guard !tags.isEmpty else { return [] }
        if let known = tagLists[tags] { return known }
        let kept = tags.compacted()
        tagLists[kept] = kept
        return kept
    }

    private var tagLists: [[String]: [String]] = [:]

    func diagnose(_ kind: Diagnostic.Kind, cve: CVEID? = nil, offset: Int? = nil, _ message: String) {
        diagnostics.append(Diagnostic(kind: kind, document: document, cve: cve, offset: offset, message: message))
    }

    func diagnose(_ error: JSONError, cve: CVEID? = nil, context: String) {
        diagnose(.invalidJSON, cve: cve, offset: error.offset, "\(context): expected \(error.expected)")
    }

    // MARK: - Reading helpers

    func intern(_ text: JSONText) -> String { interner.intern(text).string }

    /// `references: [{url, source?, tags: […]}]` (NVD 2.0, 1.1 `reference_data`, overrides, CVE 5). `tags` maps a
    /// source's tag to NVD's spelling (CVE 5's `vendor-advisory` → `Vendor Advisory`), or drops it with nil.
    func references(_ reader: inout JSONReader, tags mapTag: ((String) -> String?)? = nil) throws(JSONError)
        -> [Reference]
    {
        var references: [Reference] = []
        try reader.beginArray()
        while try reader.nextElement() {
            var reference = Reference(url: "")
            try reader.beginObject()
            while let key = try reader.nextKey() {
                if key == "url" {
                    reference.url = try reader.readOptionalString() ?? ""
                } else if key == "source" {
                    reference.source = try internedString(&reader)
                } else if key == "tags" {
                    try reader.beginArray()
                    while try reader.nextElement() {
                        guard let tag = try internedString(&reader) else { continue }
                        if let mapTag {
                            if let mapped = mapTag(tag) { reference.tags.append(interner.intern(mapped).string) }
                        } else {
                            reference.tags.append(tag)
                        }
                    }
                } else {
                    try reader.skipValue()
                }
            }
            if !reference.url.isEmpty { references.append(reference) }
        }
        return references
    }

    /// The distinct strings at `[{list: [{field: "…"}]}]`: NVD 2.0 `weaknesses` (`description`/`value`), the
    /// 1.1 `problemtype_data` of the same shape, and CVE 5 `problemTypes` (`descriptions`/`cweId`).
    func nestedStrings(_ reader: inout JSONReader, list: StaticString, field: StaticString) throws(JSONError)
        -> [String]
    {
        var strings: [String] = []
        try reader.beginArray()
        while try reader.nextElement() {
            try reader.beginObject()
            while let key = try reader.nextKey() {
                guard key == list else {
                    try reader.skipValue()
                    continue
                }
                try reader.beginArray()
                while try reader.nextElement() {
                    try reader.beginObject()
                    while let key = try reader.nextKey() {
                        if key == field, let value = try internedString(&reader) {
                            if !strings.contains(value) { strings.append(value) }
                        } else {
                            try reader.skipValue()
                        }
                    }
                }
            }
        }
        return strings
    }

    func internedString(_ reader: inout JSONReader) throws(JSONError) -> String? {
        if try reader.consumeNull() { return nil }
        return intern(try reader.readText())
    }

    /// A CPE 2.3 criterion, interned; nil (with a `malformed_cpe` diagnostic) when it is not one. Each
    /// distinct string is checked once per batch.
    func criterion(_ text: JSONText, cve: CVEID?, offset: Int) -> String? {
        let (string, isNew) = interner.intern(text)
        if isNew, !CPEText.isFormattedString(string) { malformed.insert(string) }
        guard malformed.isEmpty || !malformed.contains(string) else {
            diagnose(.malformedCPE, cve: cve, offset: offset, "not a CPE 2.3 formatted string: \(string)")
            return nil
        }
        return string
    }

    private var malformed: Set<String> = []
}

extension JSONReader {
    /// Reads a timestamp string; nil when null or unparsable.
    mutating func readTimestamp() throws(JSONError) -> Timestamp? {
        if try consumeNull() { return nil }
        let text = try readText()
        return Timestamp(iso8601: String(decoding: text.bytes, as: UTF8.self))
    }

    mutating func readDay() throws(JSONError) -> Day? {
        if try consumeNull() { return nil }
        return Day(iso8601: try readString())
    }

    /// A number written as a number or, as some feeds do, as a string; nil for null or garbage.
    mutating func readLenientDouble() throws(JSONError) -> Double? {
        switch try peekKind() {
        case .number: return try readDouble()
        case .string: return Double(try readString())
        default:
            try skipValue()
            return nil
        }
    }
}
