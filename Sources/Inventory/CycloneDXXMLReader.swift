import XML

/// Reads CycloneDX 1.4–1.6 XML (`<bom xmlns="http://cyclonedx.org/schema/bom/1.x">`) token by token: every
/// `bom/components//component`, nested ones included, row-numbered in document order; the name of
/// `bom/metadata/component` is the host of them all (it precedes `components`, as the schema orders it).
/// Fields as in JSON: name, version, group, publisher (else supplier or manufacturer name, author, first of
/// authors), cpe, purl, `type` as the category. Anything else, `metadata/tools` components included, is
/// passed over. Refusals come from the tokenizer: a DOCTYPE, too deep, a token longer than
/// `maxRecordBytes`, or XML that is not well formed.
struct CycloneDXXMLReader: TextFormatReader {
    private struct Component {
        var depth: Int
        var row: Int
        var offset: Int
        var raw = RawRecord()
        var organisation: String?
        var author: String?
        var emitted = false
    }

    private var tokenizer: XMLTokenizer
    private var path: [Substring] = []
    private var components: [Component] = []
    private var text = ""
    private var host: String?
    private var count = 0
    private var rooted = false

    init(options: InventoryOptions) {
        tokenizer = XMLTokenizer(
            limits: XMLLimits(
                maxDepth: options.maxDepth, maxAttributeLength: min(1 << 16, options.maxRecordBytes),
                maxTokenLength: options.maxRecordBytes))
    }

    var format: InventoryFormat? { rooted ? .cycloneDXXML : nil }

    mutating func read(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, context: inout ReadContext
    ) throws(InventoryError) -> Int {
        tokenizer.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start...])))
        if final { tokenizer.finish() }
        while true {
            let token: XMLToken?
            do {
                token = try tokenizer.next()
            } catch {
                throw Self.refusal(error)
            }
            guard let token else { return bytes.count }
            try take(token, context: &context)
        }
    }

    static func refusal(_ error: XMLError) -> InventoryError {
        switch error.kind {
        case .doctypeRefused: return InventoryError(.doctypeRefused, offset: error.offset, error.reason)
        case .limitExceeded:
            let reason: InventoryError.Reason = error.reason.contains("nested") ? .nestingTooDeep : .recordTooLong
            return InventoryError(reason, offset: error.offset, error.reason)
        case .truncated, .malformed: return InventoryError(.malformed, offset: error.offset, "XML: \(error.reason)")
        }
    }

    private mutating func take(_ token: XMLToken, context: inout ReadContext) throws(InventoryError) {
        switch token {
        case .start(let name, let attributes):
            let local = XMLToken.localName(name)
            if !rooted {
                guard local == "bom",
                    attributes.contains(where: {
                        $0.name.hasPrefix("xmlns") && $0.value.contains("cyclonedx.org/schema/bom")
                    })
                else {
                    throw InventoryError(
                        .unrecognizedFormat, offset: tokenizer.tokenOffset,
                        "XML whose root <\(name)> is not a CycloneDX bom")
                }
                rooted = true
            }
            if local == "components", let last = components.indices.last, components[last].depth == path.count {
                emit(last, context: &context)
            }
            path.append(local)
            text = ""
            if local == "component" && path.count >= 3 && path[path.count - 2] == "components" && isInBOMComponents {
                count += 1
                var component = Component(depth: path.count, row: count, offset: tokenizer.tokenOffset)
                component.raw.category = attributes.value(of: "type")
                components.append(component)
            }
        case .text(let value):
            text += value
        case .end:
            field(path.last ?? "", context: &context)
            path.removeLast()
        }
    }

    /// Inside `bom/components`, not `bom/metadata/tools/components`.
    private var isInBOMComponents: Bool { path.count >= 2 && path[1] == "components" }

    private mutating func field(_ name: Substring, context: inout ReadContext) {
        let depth = path.count
        if depth == 4 && name == "name" && path[1] == "metadata" && path[2] == "component" {
            host = host ?? RecordValues.text(text)
            return
        }
        guard let last = components.indices.last else { return }
        let offset = depth - components[last].depth
        let value = text
        switch (offset, name) {
        case (0, "component"):
            emit(last, context: &context)
            components.removeLast()
        case (1, "name"): components[last].raw.name = value
        case (1, "version"): components[last].raw.version = value
        case (1, "group"): components[last].raw.group = value
        case (1, "publisher"): components[last].raw.publisher = value
        case (1, "author"): components[last].author = value
        case (1, "cpe"): components[last].raw.cpe = value
        case (1, "purl"): components[last].raw.purl = value
        case (2, "name") where path[depth - 2] == "supplier":
            components[last].organisation = value
        case (2, "name") where path[depth - 2] == "manufacturer":
            components[last].organisation = components[last].organisation ?? value
        case (3, "name") where path[depth - 3] == "authors":
            components[last].author = components[last].author ?? value
        default: break
        }
    }

    private mutating func emit(_ index: Int, context: inout ReadContext) {
        guard !components[index].emitted else { return }
        components[index].emitted = true
        var component = components[index]
        component.raw.publisher = component.raw.publisher ?? component.organisation ?? component.author
        component.raw.host = host
        context.attributeFaults(before: tokenizer.offset, row: component.row)
        if let record = component.raw.record(
            row: component.row, format: .cycloneDXXML, at: component.offset, context: &context)
        {
            context.emit(record)
        }
    }
}
