/// How a source value or name relates to a target (NISTIR 7696 Table 6-1), plus `undefined` for comparisons the
/// specification leaves open: a target value with wildcards (Table 6-2 lines 4, 8, 11, 17), or, for whole names,
/// attribute relations that fit none of the rows of Table 6-4.
public enum CPERelation: String, Hashable, Sendable {
    /// The source is a (non-proper) superset of the target: it describes every product the target does.
    case superset
    /// The source is a (non-proper) subset of the target.
    case subset
    case equal
    /// The source and target describe no product in common.
    case disjoint
    case undefined
}
