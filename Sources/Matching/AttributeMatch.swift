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
                "inventory leaves \(attribute.wfnName) unspecified; criterion requires \(criterion.bound)"
            )
        case .undefined:
            return .indeterminate("\(attribute.wfnName) \(item.bound) cannot be compared with \(criterion.bound)")
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
