import JSON
import VulnModel

/// The JSON shape of a finding (`vans match --format json`), kept stable for scripts and peers.
extension JSONWriter {
    /// Writes a finding; `facts` are its CVE's members from `renderFacts(_:)`, the same for every finding of the CVE.
    mutating func write(_ finding: Finding, facts: [UInt8]) {
        beginObject()
        key("host")
        string(finding.host.rawValue)
        key("cpe")
        string(finding.cpe)
        key("cve")
        string(finding.cve.description)
        key("status")
        string(finding.status.rawValue)
        members(facts)
        key("evidence")
        beginArray()
        for evidence in finding.evidence { write(evidence) }
        endArray()
        endObject()
    }

    /// The members a finding takes from its CVE's assessment: scores, KEV, EPSS, references.
    static func renderFacts(_ assessment: CVEAssessment) -> [UInt8] {
        renderMembers { writer in
            writer.key("cvss")
            if let risk = assessment.risk {
                writer.beginObject()
                writer.key("version")
                writer.string(risk.version.rawValue)
                writer.key("baseScore")
                writer.number(risk.baseScore)
                writer.key("vector")
                writer.string(risk.vector)
                writer.key("scorer")
                writer.optional(risk.scorer)
                writer.endObject()
            } else {
                writer.null()
            }
            writer.key("severity")
            writer.optional(assessment.risk?.severity.rawValue)
            writer.key("highRisk")
            writer.bool(assessment.risk?.highRisk == true)
            writer.key("kev")
            writer.bool(assessment.kev != nil)
            writer.key("kevDueDate")
            writer.optional(assessment.kev?.dueDate?.description)
            writer.key("epss")
            if let epss = assessment.epss { writer.number(epss.probability) } else { writer.null() }
            writer.key("epssPercentile")
            if let epss = assessment.epss { writer.number(epss.percentile) } else { writer.null() }
            writer.key("references")
            writer.beginArray()
            for reference in assessment.references {
                writer.beginObject()
                writer.key("url")
                writer.string(reference.url)
                writer.key("tags")
                writer.beginArray()
                for tag in reference.tags { writer.string(tag) }
                writer.endArray()
                writer.endObject()
            }
            writer.endArray()
        }
    }

    private mutating func write(_ evidence: Evidence) {
        beginObject()
        key("configuration")
        number(evidence.configuration)
        key("criterion")
        string(evidence.criterion)
        key("range")
        optional(evidence.range)
        key("platform")
        beginArray()
        for platform in evidence.platform {
            beginObject()
            key("criterion")
            string(platform.criterion)
            key("range")
            optional(platform.range)
            key("item")
            string(platform.item)
            key("impliedBy")
            optional(platform.impliedBy)
            endObject()
        }
        endArray()
        key("reason")
        optional(evidence.reason)
        key("source")
        beginObject()
        key("kind")
        string(evidence.source.kind.rawValue)
        key("document")
        string(evidence.source.document)
        key("provider")
        optional(evidence.source.provider)
        endObject()
        endObject()
    }

    mutating func optional(_ value: String?) {
        if let value { string(value) } else { null() }
    }
}
