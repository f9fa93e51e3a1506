/// A `MatchState` without its reason text: how strong it is and, when indeterminate, which touch's state carries the
/// reason. The context evaluator combines these, so a finding it memoises can be reused by items whose indeterminate
/// states say the same thing in other words (the reason names the item's own version); the text is filled in from
/// the touches only for findings that are kept. Combining follows `MatchState` exactly, first reason first.
struct Verdict {
    /// 0 no, 1 indeterminate, 2 yes, as `MatchState.strength`.
    let strength: Int
    /// The touch whose (indeterminate) state this verdict stands for; meaningful only when indeterminate.
    let source: Int32

    static let yes = Verdict(strength: 2, source: -1)
    static let no = Verdict(strength: 0, source: -1)

    init(strength: Int, source: Int32) {
        self.strength = strength
        self.source = source
    }

    /// The verdict of `state`, the state of touch `touch`.
    init(_ state: MatchState, touch: Int) {
        self.init(strength: state.strength, source: state.strength == 1 ? Int32(touch) : -1)
    }

    var isNo: Bool { strength == 0 }
    var isIndeterminate: Bool { strength == 1 }

    var negated: Verdict { isIndeterminate ? self : Verdict(strength: 2 - strength, source: -1) }

    /// Kleene disjunction, as `MatchState.any`: yes if any is, else the first indeterminate, else no.
    static func any(_ verdicts: some Sequence<Verdict>) -> Verdict {
        var result = Verdict.no
        for verdict in verdicts {
            if verdict.strength == 2 { return .yes }
            if result.isNo, verdict.isIndeterminate { result = verdict }
        }
        return result
    }

    /// Kleene conjunction, as `MatchState.all`: no if any is, else the first indeterminate, else yes.
    static func all(_ verdicts: some Sequence<Verdict>) -> Verdict {
        var result = Verdict.yes
        for verdict in verdicts {
            if verdict.isNo { return .no }
            if result.strength == 2, verdict.isIndeterminate { result = verdict }
        }
        return result
    }

    func and(_ other: Verdict) -> Verdict { Verdict.all([self, other]) }
}
