import JSON
import VulnModel

/// The versioned obligation templates (R4): switching versions, or adding one, is a data change.
public struct ObligationCatalogue: Hashable, Sendable {
    public var versions: [ObligationVersion]

    public init(versions: [ObligationVersion]) { self.versions = versions }

    public func version(id: String) -> ObligationVersion? { versions.first { $0.id == id } }

    /// The version in force on `day`, among those with a known effective date.
    public func version(on day: Day) -> ObligationVersion? {
        versions.filter { version in
            guard let from = version.effectiveFrom, from <= day else { return false }
            return version.effectiveTo.map { day < $0 } ?? true
        }
        .max { ($0.effectiveFrom?.daysSinceEpoch ?? 0) < ($1.effectiveFrom?.daysSinceEpoch ?? 0) }
    }

    /// Reads `obligations.json`; `file` names it in errors.
    public init(json bytes: [UInt8], file: String = "obligations.json") throws(ObligationDataError) {
        let tree: JSONTree
        do { tree = try JSONTree.parse(bytes) } catch {
            throw ObligationDataError(file: file, path: "", reason: "\(error)")
        }
        guard tree["format"]?.string == "openvans-obligations" else {
            throw ObligationDataError(file: file, path: "format", reason: "expected \"openvans-obligations\"")
        }
        var versions: [ObligationVersion] = []
        for (index, node) in tree["versions"]?.elements.enumerated() ?? [].enumerated() {
            versions.append(try Self.version(node, path: "versions[\(index)]", file: file))
        }
        guard !versions.isEmpty else { throw ObligationDataError(file: file, path: "versions", reason: "no versions") }
        self.versions = versions
    }

    private static func version(_ node: JSONTree, path: String, file: String) throws(ObligationDataError)
        -> ObligationVersion
    {
        func fail(_ field: String, _ reason: String) -> ObligationDataError {
            ObligationDataError(file: file, path: "\(path).\(field)", reason: reason)
        }
        guard let id = node["id"]?.string else { throw fail("id", "missing") }
        func day(_ field: String, in parent: JSONTree? = nil) throws(ObligationDataError) -> Day? {
            guard let value = (parent ?? node)[field], case .string(let text) = value else { return nil }
            guard let day = Day(iso8601: text) else { throw fail(field, "not a date: \(text)") }
            return day
        }
        let source = node["source"]
        guard let url = source?["url"]?.string else { throw fail("source.url", "missing (R50)") }
        var items: [ObligationTemplate] = []
        for (index, item) in node["items"]?.elements.enumerated() ?? [].enumerated() {
            items.append(try template(item, path: "\(path).items[\(index)]", file: file))
        }
        return ObligationVersion(
            id: id, titleZh: node["titleZh"]?.string ?? id, effectiveFrom: try day("effectiveFrom"),
            effectiveTo: try day("effectiveTo"), sourceURL: url, sourceType: source?["type"]?.string ?? "secondary",
            retrieved: try day("retrieved", in: source), items: items)
    }

    private static func template(_ node: JSONTree, path: String, file: String) throws(ObligationDataError)
        -> ObligationTemplate
    {
        func fail(_ field: String, _ reason: String) -> ObligationDataError {
            ObligationDataError(file: file, path: "\(path).\(field)", reason: reason)
        }
        func text(_ field: String) throws(ObligationDataError) -> String {
            guard let value = node[field]?.string, !value.isEmpty else { throw fail(field, "missing") }
            return value
        }
        let code = try text("code")
        guard let kind = ObligationTemplate.Kind(rawValue: try text("kind")) else { throw fail("kind", "unknown") }
        guard let scope = ObligationTemplate.Scope(rawValue: try text("scope")) else { throw fail("scope", "unknown") }
        var types: [ObligationTemplate.AgencyType] = []
        for name in node["agencyTypes"]?.strings ?? ["public"] {
            guard let type = ObligationTemplate.AgencyType(rawValue: name) else {
                throw fail("agencyTypes", "unknown \(name)")
            }
            types.append(type)
        }
        var condition: ObligationTemplate.Condition?
        if let name = node["conditionalOn"]?.string {
            guard let parsed = ObligationTemplate.Condition(rawValue: name) else {
                throw fail("conditionalOn", "unknown \(name)")
            }
            condition = parsed
        }
        var levels: [SecurityLevel: ObligationTemplate.Requirement] = [:]
        for (name, value) in node["levels"]?.members ?? [] {
            guard let level = SecurityLevel(rawValue: name) else { throw fail("levels", "unknown level \(name)") }
            var frequency: ObligationTemplate.Frequency?
            if let node = value["frequency"] {
                guard let count = node["count"]?.int, let years = node["periodYears"]?.int, count > 0, years > 0 else {
                    throw fail("levels.\(name).frequency", "needs positive count and periodYears")
                }
                frequency = .init(count: count, periodYears: years)
            }
            let requirement = ObligationTemplate.Requirement(
                deadlineYears: value["deadlineYears"]?.int, frequency: frequency, quantity: value["quantity"]?.int,
                verified: value["confidence"]?.string != "unverified")
            guard requirement.deadlineYears != nil || frequency != nil else {
                throw fail("levels.\(name)", "needs deadlineYears or frequency")
            }
            levels[level] = requirement
        }
        var training: TrainingRequirement?
        if let node = node["training"] {
            guard let role = node["role"]?.string.flatMap(TrainingRequirement.Role.init(rawValue:)) else {
                throw fail("training.role", "unknown")
            }
            training = TrainingRequirement(
                role: role, professionalHours: node["professionalHours"]?.double ?? 0,
                professionalPeriodYears: node["professionalPeriodYears"]?.int ?? 1,
                generalHours: node["generalHours"]?.double ?? 0,
                generalPeriodYears: node["generalPeriodYears"]?.int ?? 1)
        }
        return ObligationTemplate(
            code: code, nameZh: try text("nameZh"), nameEn: try text("nameEn"), kind: kind, scope: scope,
            agencyTypes: types, conditionalOn: condition, evidenceRequired: node["evidenceRequired"]?.strings ?? [],
            sourceRef: try text("sourceRef"), levels: levels, training: training)
    }
}

/// A reference-data file that could not be read: which file, where in it (a JSON path), and why.
public struct ObligationDataError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var path: String
    public var reason: String

    public init(file: String, path: String, reason: String) {
        self.file = file
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(file): \(path.isEmpty ? "" : "\(path): ")\(reason)" }
}
