import JSON
import VulnModel

/// The JSON shape of a finding (`vans match --format json`), kept stable for scripts and peers.
extension JSONWriter {
    mutating func write(_ finding: Finding, _ assessment: CVEAssessment) {
        beginObject()
        key("host")
        string(finding.host.rawValue)
        key("cpe")
        string(finding.cpe)
        key("cve")
        string(finding.cve.description)
        key("status")
        string(finding.status.rawValue)
        key("cvss")
        if let risk = assessment.risk {
            beginObject()
            key("version")
            string(risk.version.rawValue)
            key("baseScore")
            number(risk.baseScore)
            key("vector")
            string(risk.vector)
            key("scorer")
            optional(risk.scorer)
            endObject()
        } else {
            null()
        }
        key("severity")
        optional(assessment.risk?.severity.rawValue)
        key("highRisk")
        bool(assessment.risk?.highRisk == true)
        key("kev")
        bool(assessment.kev != nil)
        key("kevDueDate")
        optional(assessment.kev?.dueDate?.description)
        key("epss")
        if let epss = assessment.epss { number(epss.probability) } else { null() }
        key("epssPercentile")
        if let epss = assessment.epss { number(epss.percentile) } else { null() }
        key("references")
        beginArray()
        for reference in assessment.references {
            beginObject()
            key("url")
            string(reference.url)
            key("tags")
            beginArray()
            for tag in reference.tags { string(tag) }
            endArray()
            endObject()
        }
        endArray()
        key("evidence")
        beginArray()
        for evidence in finding.evidence { write(evidence) }
        endArray()
        endObject()
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
