/// Three-valued truth for matching. `indeterminate` carries the reason and is never folded into `no`.
public enum MatchState: Hashable, Sendable {
    case yes
    case no
    case indeterminate(String)

    /// Strength for choosing the best of several ways to satisfy a condition: yes > indeterminate > no.
    var strength: Int {
        switch self {
        case .yes: 2
        case .indeterminate: 1
        case .no: 0
        }
    }

    var negated: MatchState {
        switch self {
        case .yes: .no
        case .no: .yes
        case .indeterminate: self
        }
    }

    var reason: String? {
        if case .indeterminate(let reason) = self { return reason }
        return nil
    }

    /// Kleene disjunction over `states`.
    static func any(_ states: some Sequence<MatchState>) -> MatchState {
        var result = MatchState.no
        for state in states {
            if state == .yes { return .yes }
            if result == .no, case .indeterminate = state { result = state }
        }
        return result
    }

    /// Kleene conjunction over `states`.
    static func all(_ states: some Sequence<MatchState>) -> MatchState {
        var result = MatchState.yes
        for state in states {
            if state == .no { return .no }
            if result == .yes, case .indeterminate = state { result = state }
        }
        return result
    }

    /// Both must hold: the weaker of the two (the first when both are indeterminate, as `all` gives).
    func and(_ other: MatchState) -> MatchState {
        switch (self, other) {
        case (.no, _), (_, .no): .no
        case (.indeterminate, _): self
        case (.yes, _): other
        }
    }
}
