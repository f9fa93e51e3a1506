public enum BooleanOperator: String, Hashable, Sendable {
    case and = "AND"
    case or = "OR"
}

/// One NVD applicability statement: nodes combined by `op`, optionally negated (NVD CVE API 2.0 shape).
public struct Configuration: Hashable, Sendable {
    public var op: BooleanOperator
    public var negate: Bool
    public var nodes: [ConfigurationNode]

    public init(op: BooleanOperator = .or, negate: Bool = false, nodes: [ConfigurationNode]) {
        self.op = op
        self.negate = negate
        self.nodes = nodes
    }
}

/// A node: CPE match criteria combined by `op`, optionally negated.
public struct ConfigurationNode: Hashable, Sendable {
    public var op: BooleanOperator
    public var negate: Bool
    public var matches: [CPEMatch]

    public init(op: BooleanOperator = .or, negate: Bool = false, matches: [CPEMatch]) {
        self.op = op
        self.negate = negate
        self.matches = matches
    }
}

/// A CPE match criterion: a CPE 2.3 formatted string, an optional version range, and whether items it
/// matches are vulnerable (`true`) or only the platform they must run on/with (`false`).
public struct CPEMatch: Hashable, Sendable {
    public var vulnerable: Bool
    /// CPE 2.3 formatted string, exactly as the source wrote it.
    public var criteria: String
    public var versionStartIncluding: String?
    public var versionStartExcluding: String?
    public var versionEndIncluding: String?
    public var versionEndExcluding: String?
    public var matchCriteriaID: String?

    public init(
        vulnerable: Bool,
        criteria: String,
        versionStartIncluding: String? = nil,
        versionStartExcluding: String? = nil,
        versionEndIncluding: String? = nil,
        versionEndExcluding: String? = nil,
        matchCriteriaID: String? = nil
    ) {
        self.vulnerable = vulnerable
        self.criteria = criteria
        self.versionStartIncluding = versionStartIncluding
        self.versionStartExcluding = versionStartExcluding
        self.versionEndIncluding = versionEndIncluding
        self.versionEndExcluding = versionEndExcluding
        self.matchCriteriaID = matchCriteriaID
    }

    public var hasRange: Bool {
        versionStartIncluding != nil || versionStartExcluding != nil || versionEndIncluding != nil
            || versionEndExcluding != nil
    }

    /// The range in NVD's own words, e.g. `>= 1.0.1, < 1.1.1k`; nil when the criterion has no range.
    public var rangeDescription: String? {
        var parts: [String] = []
        if let versionStartIncluding { parts.append(">= \(versionStartIncluding)") }
        if let versionStartExcluding { parts.append("> \(versionStartExcluding)") }
        if let versionEndIncluding { parts.append("<= \(versionEndIncluding)") }
        if let versionEndExcluding { parts.append("< \(versionEndExcluding)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}

extension Configuration {
    /// Every criterion in the configuration, in document order.
    public var allMatches: [CPEMatch] { nodes.flatMap(\.matches) }
}
