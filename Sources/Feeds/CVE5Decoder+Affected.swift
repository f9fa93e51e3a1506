import JSON
import VulnModel

extension CVE5Decoder {
    /// One `affected[]` entry; nil when it names no CPE (vendor/product text alone is not matchable here).
    static func readAffected(_ reader: inout JSONReader, context: DecodingContext) throws(JSONError)
        -> CVE5Affected?
    {
        var affected = CVE5Affected()
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "cpes" {
                try reader.beginArray()
                while try reader.nextElement() {
                    let offset = reader.offset
                    if let cpe = try context.internedString(&reader) { affected.cpes.append((cpe, offset)) }
                }
            } else if key == "packageName" {
                affected.packageName = try reader.readOptionalString()
            } else if key == "defaultStatus" {
                affected.defaultStatus = try context.internedString(&reader)
            } else if key == "versions" {
                try reader.beginArray()
                while try reader.nextElement() {
                    affected.versions.append(try readVersion(&reader, context: context))
                }
            } else {
                try reader.skipValue()
            }
        }
        return affected.cpes.isEmpty ? nil : affected
    }

    private static func readVersion(_ reader: inout JSONReader, context: DecodingContext) throws(JSONError)
        -> CVE5Version
    {
        var version = CVE5Version(offset: reader.offset)
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "status" {
                version.status = try context.internedString(&reader) ?? ""
            } else if key == "version" {
                version.version = try context.internedString(&reader) ?? ""
            } else if key == "lessThan" {
                version.lessThan = try context.internedString(&reader)
            } else if key == "lessThanOrEqual" {
                version.lessThanOrEqual = try context.internedString(&reader)
            } else if key == "versionType" {
                version.versionType = try context.internedString(&reader)
            } else if key == "changes" {
                try reader.beginArray()
                while try reader.nextElement() {
                    var at = ""
                    var status = ""
                    try reader.beginObject()
                    while let key = try reader.nextKey() {
                        if key == "at" {
                            at = try context.internedString(&reader) ?? ""
                        } else if key == "status" {
                            status = try context.internedString(&reader) ?? ""
                        } else {
                            try reader.skipValue()
                        }
                    }
                    version.changes.append((at, status))
                }
            } else {
                try reader.skipValue()
            }
        }
        return version
    }
}
