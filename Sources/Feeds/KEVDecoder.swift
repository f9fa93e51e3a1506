import JSON
import VulnModel

/// The CISA KEV catalogue: `{title, catalogVersion, dateReleased, count, vulnerabilities: [{cveID, …}]}`.
enum KEVDecoder {
    static let provider = "CISA"

    static func decodeDocument(_ reader: inout JSONReader, context: DecodingContext) throws(JSONError) {
        let provenance = context.provenance(.kev, provider: provider)
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "catalogVersion" {
                context.version = try reader.readOptionalString()
            } else if key == "vulnerabilities" {
                try reader.beginArray()
                while try reader.nextElement() {
                    try decodeEntry(&reader, context: context, provenance: provenance)
                }
            } else {
                try reader.skipValue()
            }
        }
    }

    private static func decodeEntry(_ reader: inout JSONReader, context: DecodingContext, provenance: Provenance)
        throws(JSONError)
    {
        let offset = reader.offset
        var entry = KEVEntry(cve: CVEID(year: 0, number: 0), provenance: provenance)
        var idText: String?
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "cveID" {
                idText = try reader.readOptionalString()
            } else if key == "vendorProject" {
                entry.vendorProject = try context.internedString(&reader)
            } else if key == "product" {
                entry.product = try context.internedString(&reader)
            } else if key == "vulnerabilityName" {
                entry.vulnerabilityName = try reader.readOptionalString()
            } else if key == "dateAdded" {
                entry.dateAdded = try reader.readDay()
            } else if key == "dueDate" {
                entry.dueDate = try reader.readDay()
            } else if key == "requiredAction" {
                entry.requiredAction = try context.internedString(&reader)
            } else if key == "knownRansomwareCampaignUse" {
                entry.knownRansomwareCampaignUse = try context.internedString(&reader)
            } else if key == "notes" {
                entry.notes = try reader.readOptionalString()
            } else {
                try reader.skipValue()
            }
        }
        guard let idText, let id = CVEID(idText) else {
            let message = idText.map { "not a CVE id: \($0)" } ?? "KEV entry without cveID"
            context.diagnose(idText == nil ? .invalidRecord : .invalidCVEID, offset: offset, message)
            return
        }
        entry.cve = id
        context.kev.append(entry)
    }
}
