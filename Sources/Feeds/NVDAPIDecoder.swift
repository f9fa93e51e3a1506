import JSON
import VulnModel

/// NVD CVE API 2.0 responses: `{resultsPerPage, startIndex, totalResults, format, version, timestamp,
/// vulnerabilities: [{cve: {…}}]}`, as one page, a whole mirror file, or one response per JSON Lines line.
enum NVDAPIDecoder {
    static let provider = "nvd@nist.gov"

    /// Decodes one response object. Returns how many records the response says it carries on this page
    /// (`resultsPerPage`), for the caller to compare with what it found.
    static func decodeResponse(_ reader: inout JSONReader, context: DecodingContext) throws(JSONError) {
        var declared: Int?
        var found = 0
        let start = reader.offset
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "vulnerabilities" {
                try reader.beginArray()
                while try reader.nextElement() {
                    found += 1
                    try decodeItem(&reader, context: context)
                }
            } else if key == "timestamp" {
                context.version = try reader.readOptionalString()
            } else if key == "resultsPerPage" {
                declared = try reader.consumeNull() ? nil : try reader.readInt()
            } else {
                try reader.skipValue()
            }
        }
        if let declared, declared != found {
            context.diagnose(
                .invalidRecord, offset: start, "response declares resultsPerPage \(declared) but holds \(found)")
        }
    }

    /// One `{cve: {…}}` element.
    static func decodeItem(_ reader: inout JSONReader, context: DecodingContext) throws(JSONError) {
        let start = reader.offset
        var record: CVERecord?
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "cve" {
                record = try decodeCVE(&reader, context: context, offset: start)
            } else {
                try reader.skipValue()
            }
        }
        if let record { context.add(record) }
    }

    /// The `cve` object; nil (diagnosed) when it has no usable id.
    static func decodeCVE(_ reader: inout JSONReader, context: DecodingContext, offset: Int) throws(JSONError)
        -> CVERecord?
    {
        let provenance = context.provenance(.nvdAPI, provider: provider)
        var record = CVERecord(id: CVEID(year: 0, number: 0), status: .received, provenance: provenance)
        var idText: String?
        var id: CVEID?
        var kev = KEVFacts()
        context.currentCVE = nil
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "id" {
                idText = try reader.readOptionalString()
                id = idText.flatMap { CVEID($0) }
                context.currentCVE = id
            } else if key == "published" {
                record.published = try reader.readTimestamp()
            } else if key == "lastModified" {
                record.lastModified = try reader.readTimestamp()
            } else if key == "vulnStatus" {
                record.status = VulnStatus(try context.internedString(&reader) ?? "")
            } else if key == "descriptions" {
                record.summary = try readEnglish(&reader)
            } else if key == "metrics" {
                record.metrics = try readMetrics(&reader, context: context, provenance: provenance)
            } else if key == "weaknesses" {
                record.weaknesses = try context.nestedStrings(&reader, list: "description", field: "value")
            } else if key == "configurations" {
                record.configurations = try readConfigurations(&reader, context: context, cve: id)
            } else if key == "references" {
                record.references = try context.references(&reader)
            } else if key == "cisaExploitAdd" {
                kev.dateAdded = try reader.readDay()
            } else if key == "cisaActionDue" {
                kev.dueDate = try reader.readDay()
            } else if key == "cisaRequiredAction" {
                kev.requiredAction = try reader.readOptionalString()
            } else if key == "cisaVulnerabilityName" {
                kev.name = try reader.readOptionalString()
            } else {
                try reader.skipValue()
            }
        }
        guard let id else {
            let message = idText.map { "not a CVE id: \($0)" } ?? "record without an id"
            context.diagnose(idText == nil ? .invalidRecord : .invalidCVEID, offset: offset, message)
            return nil
        }
        record.id = id
        record.kev = kev.entry(for: id, provenance: provenance)
        return record
    }

    /// The first English text of a `[{lang, value}]` array.
    static func readEnglish(_ reader: inout JSONReader) throws(JSONError) -> String {
        var english: String?
        try reader.beginArray()
        while try reader.nextElement() {
            var lang: JSONText?
            var value: String?
            try reader.beginObject()
            while let key = try reader.nextKey() {
                if key == "lang" {
                    lang = try reader.readText()
                } else if key == "value" {
                    value = try reader.readOptionalString()
                } else {
                    try reader.skipValue()
                }
            }
            if english == nil, let lang, isEnglish(lang) { english = value }
        }
        return english ?? ""
    }

    /// `en`, `eng`, `en-US`, … (CVE 5 allows any BCP 47 English tag).
    static func isEnglish(_ lang: JSONText) -> Bool {
        let bytes = lang.bytes
        guard bytes.count >= 2, bytes[0] | 0x20 == UInt8(ascii: "e"), bytes[1] | 0x20 == UInt8(ascii: "n") else {
            return false
        }
        return bytes.count == 2 || bytes[2] == UInt8(ascii: "-") || bytes[2] == UInt8(ascii: "_")
            || (bytes.count == 3 && bytes[2] | 0x20 == UInt8(ascii: "g"))
    }
}

/// The `cisa*` fields of an NVD record, gathered while reading and turned into a `KEVEntry` when present.
struct KEVFacts {
    var dateAdded: Day?
    var dueDate: Day?
    var requiredAction: String?
    var name: String?

    func entry(for cve: CVEID, provenance: Provenance) -> KEVEntry? {
        guard dateAdded != nil || dueDate != nil || requiredAction != nil || name != nil else { return nil }
        return KEVEntry(
            cve: cve, vulnerabilityName: name, dateAdded: dateAdded, dueDate: dueDate, requiredAction: requiredAction,
            provenance: provenance)
    }
}
