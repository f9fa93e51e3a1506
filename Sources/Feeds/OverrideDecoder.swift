import JSON
import VulnModel

/// Configuration overrides, one per JSON Lines line: `{_annotation: {cve_id, modified, description, …},
/// cve: {configurations: […API 2.0 shape…], references: […]?}}`. They carry no provider name of their own;
/// the annotation's `cna` is the CVE's CNA, not the author of the override, so `provider` stays nil.
enum OverrideDecoder {
    static func decodeRecord(_ reader: inout JSONReader, context: DecodingContext) throws(JSONError) {
        let offset = reader.offset
        let provenance = context.provenance(.nvdOverride, provider: nil)
        var record = CVERecord(id: CVEID(year: 0, number: 0), provenance: provenance)
        var idText: String?
        var id: CVEID?
        context.currentCVE = nil
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "_annotation" {
                try reader.beginObject()
                while let key = try reader.nextKey() {
                    if key == "cve_id" {
                        idText = try reader.readOptionalString()
                        id = idText.flatMap { CVEID($0) }
                        context.currentCVE = id
                    } else if key == "modified" {
                        record.lastModified = try reader.readTimestamp()
                    } else if key == "published" {
                        record.published = try reader.readTimestamp()
                    } else if key == "description" {
                        record.summary = try reader.readOptionalString() ?? ""
                    } else {
                        try reader.skipValue()
                    }
                }
            } else if key == "cve" {
                try reader.beginObject()
                while let key = try reader.nextKey() {
                    if key == "configurations" {
                        record.configurations = try NVDAPIDecoder.readConfigurations(
                            &reader, context: context, cve: id)
                    } else if key == "references", try reader.peekKind() == .array {
                        record.references = try context.references(&reader)
                    } else {
                        try reader.skipValue()
                    }
                }
            } else {
                try reader.skipValue()
            }
        }
        guard let id else {
            let message = idText.map { "not a CVE id: \($0)" } ?? "override without _annotation.cve_id"
            context.diagnose(idText == nil ? .invalidRecord : .invalidCVEID, offset: offset, message)
            return
        }
        record.id = id
        context.add(record)
    }
}
