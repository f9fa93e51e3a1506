import JSON
import VulnModel

extension CVE5Decoder {
    static func readContainer(_ reader: inout JSONReader, context: DecodingContext, isADP: Bool)
        throws(JSONError) -> CVE5Container
    {
        var container = CVE5Container(isADP: isADP)
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "providerMetadata" {
                try reader.beginObject()
                while let key = try reader.nextKey() {
                    if key == "shortName" {
                        container.shortName = try context.internedString(&reader)
                    } else {
                        try reader.skipValue()
                    }
                }
            } else if key == "descriptions" {
                let text = try NVDAPIDecoder.readEnglish(&reader)
                if !text.isEmpty { container.english = text }
            } else if key == "rejectedReasons" {
                let text = try NVDAPIDecoder.readEnglish(&reader)
                if !text.isEmpty { container.rejectedReason = text }
            } else if key == "metrics" {
                try readMetrics(&reader, into: &container, context: context)
            } else if key == "references" {
                container.references = try context.references(&reader, tags: CVE5ReferenceTags.nvdTag)
            } else if key == "problemTypes" {
                container.weaknesses = try context.nestedStrings(&reader, list: "descriptions", field: "cweId")
            } else if key == "affected" {
                try reader.beginArray()
                while try reader.nextElement() {
                    if let affected = try readAffected(&reader, context: context) {
                        container.affected.append(affected)
                    }
                }
            } else {
                try reader.skipValue()
            }
        }
        if let name = container.shortName {
            for index in container.references.indices { container.references[index].source = name }
        }
        return container
    }

    /// `metrics: [{cvssV3_1: {vectorString, baseScore}}, {other: {type: "kev", content: {dateAdded}}}, …]`.
    private static func readMetrics(
        _ reader: inout JSONReader, into container: inout CVE5Container, context: DecodingContext
    ) throws(JSONError) {
        try reader.beginArray()
        while try reader.nextElement() {
            try reader.beginObject()
            while let key = try reader.nextKey() {
                let version: CVSSVersion
                if key == "cvssV3_1" {
                    version = .v31
                } else if key == "cvssV3_0" {
                    version = .v30
                } else if key == "cvssV4_0" {
                    version = .v40
                } else if key == "cvssV2_0" {
                    version = .v2
                } else if key == "other" {
                    try readOther(&reader, into: &container)
                    continue
                } else {
                    try reader.skipValue()
                    continue
                }
                var vector: String?
                var score: Double?
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
                if let vector { container.metrics.append((version, vector, score)) }
            }
        }
    }

    /// `{type, content}`; only CISA's `kev` entries matter here (SSVC and the rest are skipped).
    private static func readOther(_ reader: inout JSONReader, into container: inout CVE5Container)
        throws(JSONError)
    {
        var isKEV = false
        var dateAdded: Day?
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "type" {
                isKEV = try reader.consumeNull() ? false : try reader.readText() == "kev"
            } else if key == "content", try reader.peekKind() == .object {
                try reader.beginObject()
                while let key = try reader.nextKey() {
                    if key == "dateAdded" { dateAdded = try reader.readDay() } else { try reader.skipValue() }
                }
            } else {
                try reader.skipValue()
            }
        }
        if isKEV {
            container.hasKEV = true
            container.kevDateAdded = dateAdded
        }
    }
}
