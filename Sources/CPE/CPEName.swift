/// One attribute value of a well-formed CPE name (WFN), NISTIR 7695 §5.3.
public enum CPEValue: Hashable, Sendable {
    /// ANY (`*` in bindings): no constraint.
    case any
    /// NA (`-` in bindings): the attribute does not apply.
    case notApplicable
    /// A value in WFN form: non-alphanumeric characters other than `_` are quoted with `\`;
    /// an unquoted `?` or `*` is a wildcard (only at the start or end, per the specification).
    case value(String)
}

/// The eleven attributes of a WFN, in binding order.
public enum CPEAttribute: Int, CaseIterable, Sendable {
    case part, vendor, product, version, update, edition, language, swEdition, targetSW, targetHW, other
}

/// A parse failure with the offending input and the character offset where it was found.
public struct CPEParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var input: String
    /// Offset in characters (not bytes) from the start of `input`.
    public var offset: Int
    public var reason: String

    public init(input: String, offset: Int, reason: String) {
        self.input = input
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "malformed CPE at offset \(offset): \(reason) in \(input)" }
}

/// A CPE 2.3 name: the WFN with formatted-string and URI bindings (NISTIR 7695).
public struct CPEName: Hashable, Sendable {
    public var values: [CPEValue]

    public init(values: [CPEValue]) {
        precondition(values.count == CPEAttribute.allCases.count)
        self.values = values
    }

    public subscript(attribute: CPEAttribute) -> CPEValue {
        get { values[attribute.rawValue] }
        set { values[attribute.rawValue] = newValue }
    }
}
