import JSON
import VulnModel

extension NVDAPIDecoder {
    /// `metrics: {cvssMetricV2: […], cvssMetricV30: […], cvssMetricV31: […], cvssMetricV40: […]}`.
    static func readMetrics(_ reader: inout JSONReader, context: DecodingContext, provenance: Provenance)
        throws(JSONError) -> [CVSSMetric]
    {
        var metrics: [CVSSMetric] = []
        try reader.beginObject()
        while let key = try reader.nextKey() {
            let version: CVSSVersion
            if key == "cvssMetricV31" {
                version = .v31
            } else if key == "cvssMetricV30" {
                version = .v30
            } else if key == "cvssMetricV40" {
                version = .v40
            } else if key == "cvssMetricV2" {
                version = .v2
            } else {
                try reader.skipValue()
                continue
            }
            try reader.beginArray()
            while try reader.nextElement() {
                if let metric = try readMetric(&reader, version: version, context: context) { metrics.append(metric) }
            }
        }
        return metrics
    }

    private static func readMetric(_ reader: inout JSONReader, version: CVSSVersion, context: DecodingContext)
        throws(JSONError) -> CVSSMetric?
    {
        var source: String?
        var role = CVSSMetric.Role.secondary
        var vector: String?
        var score: Double?
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "source" {
                source = try context.internedString(&reader)
            } else if key == "type" {
                role = try reader.readOptionalString() == "Primary" ? .primary : .secondary
            } else if key == "cvssData" {
                try reader.beginObject()
                while let key = try reader.nextKey() {
                    if key == "vectorString" {
                        vector = try context.internedString(&reader)
                    } else if key == "baseScore" {
                        score = try reader.readLenientDouble()
                    } else {
                        try reader.skipValue()
                    }
                }
            } else {
                try reader.skipValue()
            }
        }
        guard let vector else { return nil }
        return CVSSMetric(
            version: version, vector: vector, publishedScore: score, scorer: source, role: role,
            provenance: context.provenance(context.kind, provider: source))
    }
}
