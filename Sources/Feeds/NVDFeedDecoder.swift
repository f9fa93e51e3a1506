import JSON
import VulnModel

/// The legacy NVD JSON 1.1 data feeds (`{CVE_data_timestamp, CVE_Items: [{cve, configurations, impact,
/// publishedDate, lastModifiedDate}]}`), converted to the API 2.0 model:
/// - a top-level `OR` node with `cpe_match` becomes one configuration holding that node;
/// - a top-level `AND` node whose `children` are plain nodes becomes an `AND` configuration of those nodes;
/// - anything else (deeper nesting, a node with both, an empty node) is an `unsupported_configuration`.
/// `** REJECT **` descriptions mean a rejected CVE; impact v2/v3 are NVD's primary metrics.
enum NVDFeedDecoder {
    static func decodeDocument(_ reader: inout JSONReader, context: DecodingContext) throws(JSONError) {
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "CVE_Items" {
                try reader.beginArray()
                while try reader.nextElement() {
                    let start = reader.offset
                    if let record = try decodeItem(&reader, context: context, offset: start) {
                        context.add(record)
                    }
                }
            } else if key == "CVE_data_timestamp" {
                context.version = try reader.readOptionalString()
            } else {
                try reader.skipValue()
            }
        }
    }

    static func decodeItem(_ reader: inout JSONReader, context: DecodingContext, offset: Int) throws(JSONError)
        -> CVERecord?
    {
        let provenance = context.provenance(.nvdFeed, provider: NVDAPIDecoder.provider)
        var record = CVERecord(id: CVEID(year: 0, number: 0), status: .published, provenance: provenance)
        var idText: String?
        var id: CVEID?
        context.currentCVE = nil
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "cve" {
                try reader.beginObject()
                while let key = try reader.nextKey() {
                    if key == "CVE_data_meta" {
                        idText = try readID(&reader)
                        id = idText.flatMap { CVEID($0) }
                        context.currentCVE = id
                    } else if key == "problemtype" {
                        record.weaknesses = try readProblemTypes(&reader, context: context)
                    } else if key == "references" {
                        record.references = try readReferenceData(&reader, context: context)
                    } else if key == "description" {
                        record.summary = try readDescription(&reader)
                    } else {
                        try reader.skipValue()
                    }
                }
            } else if key == "configurations" {
                record.configurations = try readConfigurations(&reader, context: context, cve: id, offset: offset)
            } else if key == "impact" {
                record.metrics = try readImpact(&reader, context: context)
            } else if key == "publishedDate" {
                record.published = try reader.readTimestamp()
            } else if key == "lastModifiedDate" {
                record.lastModified = try reader.readTimestamp()
            } else {
                try reader.skipValue()
            }
        }
        guard let id else {
            let message = idText.map { "not a CVE id: \($0)" } ?? "record without CVE_data_meta.ID"
            context.diagnose(idText == nil ? .invalidRecord : .invalidCVEID, offset: offset, message)
            return nil
        }
        record.id = id
        if record.summary.hasPrefix("** REJECT **") { record.status = .rejected }
        return record
    }

    private static func readID(_ reader: inout JSONReader) throws(JSONError) -> String? {
        var id: String?
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "ID" { id = try reader.readOptionalString() } else { try reader.skipValue() }
        }
        return id
    }

    /// `{problemtype_data: [{description: [{lang, value}]}]}` — the same inner shape as 2.0 weaknesses.
    private static func readProblemTypes(_ reader: inout JSONReader, context: DecodingContext) throws(JSONError)
        -> [String]
    {
        var weaknesses: [String] = []
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "problemtype_data" {
                weaknesses += try context.nestedStrings(&reader, list: "description", field: "value")
            } else {
                try reader.skipValue()
            }
        }
        return weaknesses
    }

    private static func readDescription(_ reader: inout JSONReader) throws(JSONError) -> String {
        var summary = ""
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "description_data" {
                summary = try NVDAPIDecoder.readEnglish(&reader)
            } else {
                try reader.skipValue()
            }
        }
        return summary
    }

    /// `{reference_data: [{url, name, refsource, tags}]}`.
    private static func readReferenceData(_ reader: inout JSONReader, context: DecodingContext) throws(JSONError)
        -> [Reference]
    {
        var references: [Reference] = []
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "reference_data" {
                references = try context.references(&reader)
            } else {
                try reader.skipValue()
            }
        }
        return references
    }

    /// `{baseMetricV3: {cvssV3: {version, vectorString, baseScore}}, baseMetricV2: {cvssV2: {…}}}`.
    private static func readImpact(_ reader: inout JSONReader, context: DecodingContext) throws(JSONError)
        -> [CVSSMetric]
    {
        var metrics: [CVSSMetric] = []
        let provenance = context.provenance(.nvdFeed, provider: NVDAPIDecoder.provider)
        try reader.beginObject()
        while let key = try reader.nextKey() {
            let isV2: Bool
            if key == "baseMetricV3" {
                isV2 = false
            } else if key == "baseMetricV2" {
                isV2 = true
            } else {
                try reader.skipValue()
                continue
            }
            try reader.beginObject()
            while let key = try reader.nextKey() {
                guard isV2 ? key == "cvssV2" : key == "cvssV3" else {
                    try reader.skipValue()
                    continue
                }
                var vector: String?
                var score: Double?
                var versionText: String?
                try reader.beginObject()
                while let key = try reader.nextKey() {
                    if key == "vectorString" {
                        vector = try context.internedString(&reader)
                    } else if key == "baseScore" {
                        score = try reader.readLenientDouble()
                    } else if key == "version" {
                        versionText = try context.internedString(&reader)
                    } else {
                        try reader.skipValue()
                    }
                }
                let fallback: CVSSVersion = isV2 ? .v2 : .v30
                if let vector {
                    let version = versionText.flatMap(CVSSVersion.init(rawValue:)) ?? fallback
                    metrics.append(
                        CVSSMetric(
                            version: version, vector: vector, publishedScore: score, scorer: NVDAPIDecoder.provider,
                            role: .primary, provenance: provenance))
                }
            }
        }
        return metrics
    }
}
