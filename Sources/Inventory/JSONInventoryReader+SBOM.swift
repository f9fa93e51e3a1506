import JSON

/// CycloneDX components and SPDX packages.
extension JSONInventoryReader {
    /// A component and, after it, its nested components (document order). The publisher is `publisher`, else
    /// `supplier.name`, `manufacturer.name`, `author` or the first of `authors`.
    static func component(
        _ reader: inout JSONReader, in text: UnsafeBufferPointer<UInt8>, into list: inout [RawRecord]
    ) throws(JSONError) {
        let position = list.count
        list.append(RawRecord())
        var organisation: String?
        var author: String?
        var fields = JSONObjectFields()
        try fields.read(&reader, in: text) { key, reader throws(JSONError) in
            switch key {
            case "components":
                guard try reader.peekKind() == .array else { return false }
                try reader.beginArray()
                while try reader.nextElement() {
                    guard try reader.peekKind() == .object else {
                        try reader.skipValue()
                        continue
                    }
                    try component(&reader, in: text, into: &list)
                }
                return true
            case "supplier", "manufacturer":
                guard try reader.peekKind() == .object else { return false }
                var entity = JSONObjectFields()
                try entity.read(&reader, in: text)
                if organisation == nil || key == "supplier" { organisation = entity["name"] ?? organisation }
                return true
            case "authors":
                guard try reader.peekKind() == .array else { return false }
                let names = try JSONObjectFields.readArray(&reader, in: text).compactMap { $0["name"] }
                author = author ?? names.first
                return true
            default:
                return false
            }
        }
        list[position] = RawRecord(
            name: fields["name"], publisher: fields["publisher"] ?? organisation ?? fields["author"] ?? author,
            version: fields["version"], cpe: fields["cpe"], category: fields["type"], purl: fields["purl"],
            group: fields["group"])
    }

    /// An SPDX package; nil for the package describing the scanned source itself.
    static func spdxPackage(_ reader: inout JSONReader, in text: UnsafeBufferPointer<UInt8>) throws(JSONError)
        -> RawRecord?
    {
        var cpe: String?
        var purl: String?
        var fields = JSONObjectFields()
        try fields.read(&reader, in: text) { key, reader throws(JSONError) in
            guard key == "externalRefs", try reader.peekKind() == .array else { return false }
            for reference in try JSONObjectFields.readArray(&reader, in: text) {
                switch reference["referenceType"] {
                case "cpe23Type": cpe = cpe ?? reference["referenceLocator"]
                case "purl": purl = purl ?? reference["referenceLocator"]
                default: break
                }
            }
            return true
        }
        if fields["SPDXID"]?.hasPrefix("SPDXRef-DocumentRoot") == true { return nil }
        return RawRecord(
            name: fields["name"], publisher: spdxActor(fields["supplier"]) ?? spdxActor(fields["originator"]),
            version: fields["versionInfo"], cpe: cpe, category: fields["primaryPackagePurpose"]?.lowercased(),
            purl: purl)
    }

    /// `Organization: Canonical Ltd.` → `Canonical Ltd.`; `Person: Jane Doe (jane@example.org)` → `Jane Doe`;
    /// `NOASSERTION` → nil.
    static func spdxActor(_ value: String?) -> String? {
        guard var text = RecordValues.text(value), text != "NOASSERTION", text != "NONE" else { return nil }
        for prefix in ["Organization:", "Person:", "Tool:"] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count)).trimmingSpaces
        }
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("), open > text.startIndex {
            text = String(text[..<open]).trimmingSpaces
        }
        return text.isEmpty ? nil : text
    }
}
