/// The attribute-by-attribute comparison of a source name with a target name (NISTIR 7696 `Compare_WFNs`), and
/// the name relations of Table 6-4 read from it.
public struct CPENameComparison: Hashable, Sendable {
    /// One relation per attribute, indexed by `CPEAttribute.rawValue`.
    public var relations: [CPERelation]

    public init(relations: [CPERelation]) {
        precondition(relations.count == CPEAttribute.ordered.count)
        self.relations = relations
    }

    public subscript(attribute: CPEAttribute) -> CPERelation { relations[attribute.rawValue] }

    /// `CPE_DISJOINT`: some attribute is disjoint.
    public var isDisjoint: Bool { relations.contains(.disjoint) }

    /// `CPE_EQUAL`: every attribute is equal.
    public var isEqual: Bool { relations.allSatisfy { $0 == .equal } }

    /// `CPE_SUBSET`: every attribute is a subset or equal.
    public var isSubset: Bool { relations.allSatisfy { $0 == .subset || $0 == .equal } }

    /// `CPE_SUPERSET`: every attribute is a superset or equal.
    public var isSuperset: Bool { relations.allSatisfy { $0 == .superset || $0 == .equal } }

    /// The first row of Table 6-4 that holds (disjoint, equal, subset, superset), or `undefined` when none does,
    /// e.g. when one attribute is a superset and another a subset, or a target attribute holds wildcards.
    public var relation: CPERelation {
        if isDisjoint { return .disjoint }
        if isEqual { return .equal }
        if isSubset { return .subset }
        if isSuperset { return .superset }
        return .undefined
    }
}

extension CPEName {
    /// Compares this name, as the source, with `target`, attribute by attribute.
    public func compare(to target: CPEName) -> CPENameComparison {
        CPENameComparison(relations: CPEAttribute.ordered.map { self[$0].relation(to: target[$0]) })
    }

    /// Whether this name, as the source (e.g. an NVD match criterion), describes `target` (e.g. an installed
    /// product): `CPE_SUPERSET`, every attribute a superset or equal. Stops at the first attribute that is not.
    public func matches(_ target: CPEName) -> Bool {
        for attribute in CPEAttribute.ordered {
            switch self[attribute].relation(to: target[attribute]) {
            case .superset, .equal: continue
            case .subset, .disjoint, .undefined: return false
            }
        }
        return true
    }
}
