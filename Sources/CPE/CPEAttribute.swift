/// The eleven attributes of a WFN, in binding order.
public enum CPEAttribute: Int, CaseIterable, Sendable {
    case part, vendor, product, version, update, edition, language, swEdition, targetSW, targetHW, other

    /// `allCases`, built once: the synthesized property makes a new array on every use, which the parsers and
    /// `matches(_:)` would pay for on every name.
    static let ordered: [CPEAttribute] = allCases

    /// The attribute's name in WFN text (NISTIR 7695 §5.2), e.g. `sw_edition`.
    public var wfnName: String {
        switch self {
        case .part: "part"
        case .vendor: "vendor"
        case .product: "product"
        case .version: "version"
        case .update: "update"
        case .edition: "edition"
        case .language: "language"
        case .swEdition: "sw_edition"
        case .targetSW: "target_sw"
        case .targetHW: "target_hw"
        case .other: "other"
        }
    }

    /// The attribute whose WFN name is `name`; attribute names are case-insensitive (NISTIR 7695 §5.1).
    public init?(wfnName name: String) {
        let lowered = name.lowercased()
        guard let match = CPEAttribute.allCases.first(where: { $0.wfnName == lowered }) else { return nil }
        self = match
    }
}
