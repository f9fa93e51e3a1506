import JSON
import Versioning
import VulnModel

/// Writes decisions as a CycloneDX 1.6 VEX document: one vulnerability per decision, affecting its product's
/// component over its version range. What CycloneDX has no field for (scope, approver, expiry) goes into
/// `properties` under the `openvans:` namespace, so a round trip loses nothing.
public struct VEXExporter: Sendable {
    public init() {}

    public func export(_ decisions: [Decision], generatedAt: Timestamp) -> [UInt8] {
        let sorted = decisions.sorted { $0.id < $1.id }
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("bomFormat")
        writer.string("CycloneDX")
        writer.key("specVersion")
        writer.string("1.6")
        writer.key("version")
        writer.number(1)
        writer.key("metadata")
        writer.beginObject()
        writer.key("timestamp")
        writer.string(generatedAt.description)
        writer.endObject()
        writer.key("components")
        writer.beginArray()
        for product in Set(sorted.map(\.product)).sorted() { writeComponent(product, into: &writer) }
        writer.endArray()
        writer.key("vulnerabilities")
        writer.beginArray()
        for decision in sorted { writeVulnerability(decision, into: &writer) }
        writer.endArray()
        writer.endObject()
        writer.newline()
        return writer.take()
    }

    private func writeComponent(_ product: ProductRef, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("type")
        writer.string("application")
        writer.key("bom-ref")
        writer.string(product.description)
        writer.key("name")
        writer.string(product.product)
        writer.key("publisher")
        writer.string(product.vendor)
        // Only tokens that need no CPE quoting are written as a CPE; others would need escaping we cannot check.
        let plain = { (text: String) in
            text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || "0123456789_.-".unicodeScalars.contains($0) }
        }
        if plain(product.vendor), plain(product.product) {
            writer.key("cpe")
            writer.string("cpe:2.3:*:\(product.vendor):\(product.product):*:*:*:*:*:*:*:*")
        }
        writer.endObject()
    }

    private func writeVulnerability(_ decision: Decision, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("bom-ref")
        writer.string("decision:\(decision.id)")
        writer.key("id")
        writer.string(decision.cve.description)
        writer.key("source")
        writer.beginObject()
        writer.key("name")
        writer.string("NVD")
        writer.key("url")
        writer.string("https://nvd.nist.gov/vuln/detail/\(decision.cve)")
        writer.endObject()
        writer.key("analysis")
        writer.beginObject()
        writer.key("state")
        writer.string(Self.state(of: decision.outcome))
        if decision.outcome == .mitigated {
            writer.key("justification")
            writer.string("protected_by_mitigating_control")
        }
        if let response = Self.response(of: decision.outcome) {
            writer.key("response")
            writer.beginArray()
            writer.string(response)
            writer.endArray()
        }
        writer.key("detail")
        writer.string(decision.justification)
        writer.key("firstIssued")
        writer.string("\(decision.madeOn)T00:00:00Z")
        writer.endObject()
        writer.key("affects")
        writer.beginArray()
        writer.beginObject()
        writer.key("ref")
        writer.string(decision.product.description)
        writer.key("versions")
        writer.beginArray()
        writer.beginObject()
        writer.key("range")
        writer.string(Self.vers(decision.versions))
        writer.key("status")
        writer.string(decision.outcome == .riskAccepted ? "affected" : "unaffected")
        writer.endObject()
        writer.endArray()
        writer.endObject()
        writer.endArray()
        writer.key("properties")
        writer.beginArray()
        var properties = [("openvans:scope", Self.scope(decision.scope)), ("openvans:approver", decision.approver)]
        if let expires = decision.expires { properties.append(("openvans:expires", expires.description)) }
        for (name, value) in properties {
            writer.beginObject()
            writer.key("name")
            writer.string(name)
            writer.key("value")
            writer.string(value)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    static func state(of outcome: Decision.Outcome) -> String {
        switch outcome {
        case .riskAccepted: "exploitable"
        case .falsePositive: "false_positive"
        case .mitigated: "not_affected"
        }
    }

    static func response(of outcome: Decision.Outcome) -> String? {
        switch outcome {
        case .riskAccepted: "will_not_fix"
        case .falsePositive: nil
        case .mitigated: "workaround_available"
        }
    }

    static func scope(_ scope: Decision.Scope) -> String {
        switch scope {
        case .national: "national"
        case .agency(let agency): "agency:\(agency)"
        case .host(let host): "host:\(host)"
        }
    }

    /// A purl-spec `vers` range (`vers:generic/>=2.0|<2.4.52`); `*` for every version.
    static func vers(_ range: VersionRange?) -> String {
        guard let range, range.start != nil || range.end != nil else { return "vers:generic/*" }
        var constraints: [String] = []
        switch range.start {
        case .including(let version): constraints.append(">=\(version)")
        case .excluding(let version): constraints.append(">\(version)")
        case nil: break
        }
        switch range.end {
        case .including(let version) where range.start == .including(version): constraints = ["\(version)"]
        case .including(let version): constraints.append("<=\(version)")
        case .excluding(let version): constraints.append("<\(version)")
        case nil: break
        }
        return "vers:generic/" + constraints.joined(separator: "|")
    }
}
