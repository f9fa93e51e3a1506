import JSON

/// Reads every JSON inventory format, telling them apart by their keys as they stream past
/// (`JSONStream` hands over one element or member at a time):
///
/// - VANS v1/v2 upload payloads `{"api_key": …, "data": [ … ]}`: each `data` element is v1 or v2 by its field
///   names (DOMAIN §1.3). The API key is never kept.
/// - CycloneDX 1.4–1.6 (`bomFormat`, `specVersion`, `components`): every component, nested ones included, in
///   document order; `metadata.component` names the host when it comes before `components`, as every
///   generator writes it.
/// - SPDX 2.3 (`spdxVersion`, `packages`): every package but the scanned source's own (`DocumentRoot`).
/// - osquery: `osqueryi --json` arrays of `programs`, `deb_packages`, `rpm_packages` or `os_version` rows, and
///   the daemon's result log lines (`hostIdentifier` with `columns`, `snapshot` or `diffResults`).
/// - PowerShell `Get-ItemProperty … | ConvertTo-Json`: an array of objects, or one object.
///
/// Rows are the element's 1-based position in its array (components counted in document order, nested
/// ones included); for JSON Lines, the line a document starts on.
struct JSONInventoryReader: TextFormatReader {
    enum Kind {
        case vans, cycloneDX, spdx, osquery, powershell
    }

    /// The members of a top-level object that is not an envelope, kept until it ends: an osquery log line, a
    /// PowerShell object, a JSON Lines row.
    struct Document {
        var scalars = JSONObjectFields()
        var columns: JSONObjectFields?
        var decorations: JSONObjectFields?
        var rows: [JSONObjectFields] = []
        var removed = 0
        var isLog = false
        /// Bytes of the members kept.
        var bytes = 0

        var isEmpty: Bool { scalars.isEmpty && columns == nil && rows.isEmpty && removed == 0 }
    }

    static let collections: Set<String> = ["data", "components", "packages"]
    /// Top-level members no format here needs, which can be most of a file: scanned past, never kept.
    static let skipped: Set<String> = [
        "files", "relationships", "snippets", "annotations", "hasExtractedLicensingInfos", "dependencies",
        "services", "vulnerabilities", "compositions", "formulation", "signature", "definitions", "declarations",
        "externalReferences", "PSDrive", "PSProvider",
    ]

    private var stream: JSONStream
    private(set) var format: InventoryFormat?
    /// The kind of the current document, once known.
    var kind: Kind?
    var host: String?
    var document = Document()
    var documents = 0
    var emitted = 0
    /// Reused for every VANS `data` element.
    private var vansSlots = JSONSlots(JSONInventoryReader.vansKeys)
    var componentCount = 0

    private let maxDocument: Int

    init(options: InventoryOptions) {
        maxDocument = options.maxRecordBytes
        stream = JSONStream(
            collections: Self.collections, skipped: Self.skipped, maxDepth: options.maxDepth,
            maxUnit: options.maxRecordBytes)
    }

    mutating func read(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, context: inout ReadContext
    ) throws(InventoryError) -> Int {
        while let event = try stream.next(text, textBase: context.textBase, final: final) {
            switch event {
            case .member(let key, let range):
                try member(key, text, range, context: &context)
            case .element(let collection, let index, let range):
                context.attributeFaults(before: context.textBase + range.upperBound, row: index)
                try element(collection, index, text, range, context: &context)
            case .documentEnd(let line):
                context.attributeFaults(before: stream.cursor, row: line)
                try documentEnd(line: line, at: stream.cursor, context: &context)
            case .truncated(let offset):
                context.truncated = true
                context.issue(
                    row: documents + 1, at: offset,
                    "the file ends inside a JSON value (cut off?); what came before is read")
            }
        }
        return stream.keepFrom - context.textBase
    }

    /// Parses one unit with `body`, which must consume all of it; a JSON error becomes an issue on `row`.
    func parse<Result>(
        _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, row: Int, context: inout ReadContext,
        _ body: (inout JSONReader) throws(JSONError) -> Result
    ) -> Result? {
        var reader = JSONReader(text, range: range)
        do throws(JSONError) {
            let result = try body(&reader)
            guard reader.isAtEnd() else { throw JSONError(offset: reader.offset, expected: "the end of the value") }
            return result
        } catch {
            context.issue(row: row, at: context.textBase + error.offset, "invalid JSON: expected \(error.expected)")
            return nil
        }
    }

    mutating func setFormat(_ format: InventoryFormat) {
        if self.format == nil { self.format = format }
    }

    mutating func emit(_ record: InventoryRecord?, context: inout ReadContext) {
        guard let record else { return }
        emitted += 1
        context.emit(record)
    }

    private mutating func member(
        _ key: String, _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, context: inout ReadContext
    ) throws(InventoryError) {
        let row = documents + 1
        if kind == nil { kind = Self.kind(forKey: key) }
        if key == "$schema",
            let schema = parse(
                text, range, row: row, context: &context, { reader throws(JSONError) in try reader.readString() })
        {
            let lowered = schema.lowercased()
            if lowered.contains("cyclonedx") { kind = .cycloneDX } else if lowered.contains("spdx") { kind = .spdx }
        }
        switch kind {
        case .cycloneDX:
            setFormat(.cycloneDXJSON)
            if key == "metadata" {
                host =
                    parse(text, range, row: row, context: &context) { reader throws(JSONError) in
                        try Self.metadataHost(&reader, in: text)
                    } ?? host
            }
        case .spdx: setFormat(.spdxJSON)
        case .vans: break
        case .osquery, .powershell, nil:
            // Such an object is one record (a log line, a PowerShell object): it must fit a record's bound.
            document.bytes += key.utf8.count + range.count + 4
            guard document.bytes <= maxDocument else {
                throw InventoryError(
                    .recordTooLong, offset: context.textBase + range.lowerBound,
                    "a JSON object of no known envelope longer than \(maxDocument) bytes")
            }
            // Moved out while it grows, so that the closure does not mutate (and copy) it through `self`.
            var collected = document
            document = Document()
            _ = parse(text, range, row: row, context: &context) { reader throws(JSONError) in
                try Self.collect(key, &reader, in: text, into: &collected)
            }
            document = collected
        }
    }

    private static func kind(forKey key: String) -> Kind? {
        switch key {
        case "api_key", "data": return .vans
        case "bomFormat", "specVersion", "components", "metadata", "serialNumber": return .cycloneDX
        case "spdxVersion", "SPDXID", "packages", "creationInfo", "documentNamespace", "dataLicense": return .spdx
        default: return nil
        }
    }

    private mutating func element(
        _ collection: String?, _ index: Int, _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
        context: inout ReadContext
    ) throws(InventoryError) {
        let offset = context.textBase + range.lowerBound
        switch collection {
        case "components":
            setFormat(.cycloneDXJSON)
            let components = parse(text, range, row: componentCount + 1, context: &context) {
                reader throws(JSONError) in
                var list: [RawRecord] = []
                try Self.component(&reader, in: text, into: &list)
                return list
            }
            for raw in components ?? [] {
                componentCount += 1
                var raw = raw
                raw.host = raw.host ?? host
                emit(
                    raw.record(row: componentCount, format: .cycloneDXJSON, at: offset, context: &context),
                    context: &context)
            }
        case "data":
            var slots = vansSlots
            vansSlots = JSONSlots([])
            defer { vansSlots = slots }
            guard
                parse(
                    text, range, row: index, context: &context,
                    { reader throws(JSONError) in
                        try slots.read(&reader, in: text)
                    }) != nil
            else { return }
            vans(slots, row: index, at: offset, context: &context)
        case "packages":
            setFormat(.spdxJSON)
            guard
                let raw = parse(
                    text, range, row: index, context: &context,
                    { reader throws(JSONError) in
                        try Self.spdxPackage(&reader, in: text)
                    })
            else { return }
            guard var raw else {
                context.skip(.documentRoot)
                return
            }
            emit(
                raw.record(row: index, format: .spdxJSON, at: offset, names: .spdx, context: &context),
                context: &context)
        default:
            guard
                let fields = parse(
                    text, range, row: index, context: &context,
                    { reader throws(JSONError) in
                        var fields = JSONObjectFields()
                        try fields.read(&reader, in: text)
                        return fields
                    })
            else { return }
            if collection == nil && kind == nil {
                kind = Self.rowKind(fields)
                guard kind != nil || index > 1 || emitted > 0 else {
                    throw InventoryError(
                        .unrecognizedFormat, offset: offset,
                        "a JSON array whose first element has none of the known fields (\(fields.keys.prefix(8).joined(separator: ", ")))"
                    )
                }
            }
            row(fields, kind: collection == "data" ? .vans : kind, row: index, at: offset, host: nil, context: &context)
        }
    }
}
