import JSON

/// Top-level objects that are not envelopes: osquery result log lines, a PowerShell object, JSON Lines rows.
/// Their members are kept (bounded: each is one unit) until the object ends, since the key that tells what
/// it is (`hostIdentifier`, `DisplayName`) may come last.
extension JSONInventoryReader {
    /// `metadata.component.name`.
    static func metadataHost(
        _ reader: inout JSONReader, in text: UnsafeBufferPointer<UInt8>
    ) throws(JSONError) -> String? {
        var host: String?
        var metadata = JSONObjectFields()
        try metadata.read(&reader, in: text) { key, reader throws(JSONError) in
            guard key == "component", try reader.peekKind() == .object else { return false }
            var component = JSONObjectFields()
            try component.read(&reader, in: text)
            host = RecordValues.text(component["name"])
            return true
        }
        return host
    }

    static func collect(
        _ key: String, _ reader: inout JSONReader, in text: UnsafeBufferPointer<UInt8>, into document: inout Document
    ) throws(JSONError) {
        switch key {
        case "columns", "decorations":
            guard try reader.peekKind() == .object else { return try reader.skipValue() }
            var fields = JSONObjectFields()
            try fields.read(&reader, in: text)
            if key == "columns" { document.columns = fields } else { document.decorations = fields }
            document.isLog = true
        case "snapshot":
            guard try reader.peekKind() == .array else { return try reader.skipValue() }
            document.rows += try JSONObjectFields.readArray(&reader, in: text)
            document.isLog = true
        case "diffResults":
            guard try reader.peekKind() == .object else { return try reader.skipValue() }
            try reader.beginObject()
            while let part = try reader.nextKey() {
                if part == "added", try reader.peekKind() == .array {
                    document.rows += try JSONObjectFields.readArray(&reader, in: text)
                } else if part == "removed", try reader.peekKind() == .array {
                    document.removed += try JSONObjectFields.readArray(&reader, in: text).count
                } else {
                    try reader.skipValue()
                }
            }
            document.isLog = true
        default:
            if let value = try JSONObjectFields.scalar(&reader, in: text) {
                document.scalars.append(key, value)
            } else {
                try reader.skipValue()
            }
        }
    }

    mutating func documentEnd(line: Int, at end: Int, context: inout ReadContext) throws(InventoryError) {
        documents += 1
        let collected = document
        let kind = self.kind
        document = Document()
        self.kind = nil
        guard !collected.isEmpty, kind == nil || kind == .osquery || kind == .powershell else { return }
        if collected.isLog {
            setFormat(.osqueryJSON)
            let host = collected.scalars["hostIdentifier"] ?? collected.decorations?["hostname"]
            var rows = collected.rows
            if let columns = collected.columns {
                if collected.scalars["action"] == "removed" {
                    context.skip(.notInstalled)
                } else {
                    rows.append(columns)
                }
            }
            for _ in 0..<collected.removed { context.skip(.notInstalled) }
            for fields in rows { row(fields, kind: .osquery, row: line, at: nil, host: host, context: &context) }
            return
        }
        guard let rowKind = Self.rowKind(collected.scalars) else {
            guard documents > 1 || emitted > 0 else {
                throw InventoryError(
                    .unrecognizedFormat, offset: 0,
                    "a JSON object with none of the known fields (\(collected.scalars.keys.prefix(8).joined(separator: ", ")))"
                )
            }
            context.issue(row: line, "a JSON document with none of the known fields")
            return
        }
        row(collected.scalars, kind: rowKind, row: line, at: nil, host: nil, context: &context)
    }
}
