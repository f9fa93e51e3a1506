import JSON
import VulnModel

/// CVE JSON 5.x records (`{dataType, cveMetadata, containers: {cna, adp: […]}}`), one per document or per
/// JSON Lines line. The record's provider is its assigner (CNA); each metric, reference and KEV fact keeps
/// the container that stated it (`CISA-ADP`, the CNA's short name). Configurations are synthesised from
/// `affected[].cpes` (see `CVE5Decoder+Affected.swift` for the rules).
enum CVE5Decoder {
    static func decodeRecord(_ reader: inout JSONReader, context: DecodingContext) throws(JSONError) {
        let offset = reader.offset
        var containers: [CVE5Container] = []
        var idText: String?
        var state: String?
        var updated: Timestamp?
        var published: Timestamp?
        var assigner: String?
        context.currentCVE = nil
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "containers" {
                try reader.beginObject()
                while let key = try reader.nextKey() {
                    if key == "cna" {
                        containers.insert(try readContainer(&reader, context: context, isADP: false), at: 0)
                    } else if key == "adp" {
                        try reader.beginArray()
                        while try reader.nextElement() {
                            containers.append(try readContainer(&reader, context: context, isADP: true))
                        }
                    } else {
                        try reader.skipValue()
                    }
                }
            } else if key == "cveMetadata" {
                try reader.beginObject()
                while let key = try reader.nextKey() {
                    if key == "cveId" {
                        idText = try reader.readOptionalString()
                    } else if key == "state" {
                        state = try reader.readOptionalString()
                    } else if key == "dateUpdated" {
                        updated = try reader.readTimestamp()
                    } else if key == "datePublished" {
                        published = try reader.readTimestamp()
                    } else if key == "assignerShortName" {
                        assigner = try context.internedString(&reader)
                    } else {
                        try reader.skipValue()
                    }
                }
            } else {
                try reader.skipValue()
            }
        }
        guard let idText, let id = CVEID(idText) else {
            let message = idText.map { "not a CVE id: \($0)" } ?? "record without cveMetadata.cveId"
            context.diagnose(idText == nil ? .invalidRecord : .invalidCVEID, offset: offset, message)
            return
        }
        let cna = containers.first { !$0.isADP }
        let provenance = context.provenance(.cve5, provider: assigner ?? cna?.shortName)
        var record = CVERecord(
            id: id, published: published, lastModified: updated, status: VulnStatus(state ?? "published"),
            provenance: provenance)
        record.summary = cna?.english ?? containers.lazy.compactMap(\.english).first ?? cna?.rejectedReason ?? ""
        var referenceIndex: [String: Int] = [:]
        for container in containers {
            let source = context.provenance(.cve5, provider: container.shortName)
            for metric in container.metrics {
                record.metrics.append(
                    CVSSMetric(
                        version: metric.version, vector: metric.vector, publishedScore: metric.score,
                        scorer: container.shortName, role: .secondary, provenance: source))
            }
            for reference in container.references {
                if let index = referenceIndex[reference.url] {
                    for tag in reference.tags where !record.references[index].tags.contains(tag) {
                        record.references[index].tags.append(tag)
                    }
                } else {
                    referenceIndex[reference.url] = record.references.count
                    record.references.append(reference)
                }
            }
            for weakness in container.weaknesses where !record.weaknesses.contains(weakness) {
                record.weaknesses.append(weakness)
            }
            if container.hasKEV, record.kev == nil {
                record.kev = KEVEntry(cve: id, dateAdded: container.kevDateAdded, provenance: source)
            }
        }
        // The CNA is the source of record for its product; an ADP's CPEs are used when the CNA gave none
        // that yield a criterion.
        for container in containers where !container.affected.isEmpty {
            let synthesis = AffectedSynthesis(cve: id, context: context)
            let configurations = synthesis.configurations(for: container.affected)
            if !configurations.isEmpty {
                record.configurations = configurations
                record.configurationProvenance = context.provenance(.cve5, provider: container.shortName)
                break
            }
        }
        context.add(record)
    }
}
