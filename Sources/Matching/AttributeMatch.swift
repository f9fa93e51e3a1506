import CPE

/// How a criterion attribute constrains an item attribute, in matching terms (NISTIR 7696 relations):
/// superset or equal → yes; disjoint → no; subset (the item leaves unspecified what the criterion
/// requires) or undefined → indeterminate, with a reason naming the attribute.
enum AttributeMatch {
    static func state(criterion: CPEValue, item: CPEValue, _ attribute: CPEAttribute) -> MatchState {
        switch criterion.relation(to: item) {
        case .superset, .equal: return .yes
        case .disjoint: return .no
        case .subset:
            return .indeterminate(
                "inventory leaves \(attribute.label) unspecified; criterion requires \(criterion.bound)"
            )
        case .undefined:
            return .indeterminate("\(attribute.label) \(item.bound) cannot be compared with \(criterion.bound)")
        }
    }
}

extension CPEAttribute {
    var label: String {
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
}

extension CPEValue {
    /// The value as a formatted string writes it.
    var bound: String {
        switch self {
        case .any: "*"
        case .notApplicable: "-"
        case .value(let text): text
        }
    }
}
