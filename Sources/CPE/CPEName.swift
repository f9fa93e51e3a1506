/// A CPE 2.3 name: the WFN with formatted-string and URI bindings (NISTIR 7695).
public struct CPEName: Hashable, Sendable {
    /// The eleven attribute values, indexed by `CPEAttribute.rawValue`.
    public var values: [CPEValue]

    public init(values: [CPEValue]) {
        precondition(values.count == CPEAttribute.ordered.count)
        self.values = values
    }

    /// A name from individual attributes; unspecified ones are ANY, as in a WFN (NISTIR 7695 §5.2).
    public init(
        part: CPEValue = .any,
        vendor: CPEValue = .any,
        product: CPEValue = .any,
        version: CPEValue = .any,
        update: CPEValue = .any,
        edition: CPEValue = .any,
        language: CPEValue = .any,
        swEdition: CPEValue = .any,
        targetSW: CPEValue = .any,
        targetHW: CPEValue = .any,
        other: CPEValue = .any
    ) {
        self.values = [
            part, vendor, product, version, update, edition, language, swEdition, targetSW, targetHW, other,
        ]
    }

    public subscript(attribute: CPEAttribute) -> CPEValue {
        get { values[attribute.rawValue] }
        set { values[attribute.rawValue] = newValue }
    }
}

extension CPEName: CustomStringConvertible {
    public var description: String { formattedString }
}
