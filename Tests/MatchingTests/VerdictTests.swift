import Testing

@testable import Matching

/// Verdicts combine as the states they stand for: same strength, and the reason of the same state.
@Suite struct VerdictTests {
    /// Touch states: two indeterminate ones with different reasons, so that picking the wrong one shows.
    static let touches: [MatchState] = [.yes, .no, .indeterminate("first"), .indeterminate("second")]

    /// Every sequence of touch positions up to three long.
    static let sequences: [[Int]] = {
        var result: [[Int]] = [[]]
        var previous: [[Int]] = [[]]
        for _ in 0..<3 {
            previous = previous.flatMap { sequence in touches.indices.map { sequence + [$0] } }
            result += previous
        }
        return result
    }()

    static func state(of verdict: Verdict) -> MatchState {
        switch verdict.strength {
        case 2: .yes
        case 1: touches[Int(verdict.source)]
        default: .no
        }
    }

    static func verdict(_ position: Int) -> Verdict { Verdict(touches[position], touch: position) }

    @Test func anyAllAndNegationAgreeWithMatchState() {
        for sequence in Self.sequences {
            let states = sequence.map { Self.touches[$0] }
            let verdicts = sequence.map(Self.verdict)
            #expect(Self.state(of: Verdict.any(verdicts)) == MatchState.any(states), "any \(sequence)")
            #expect(Self.state(of: Verdict.all(verdicts)) == MatchState.all(states), "all \(sequence)")
            if sequence.count == 2 {
                #expect(Self.state(of: verdicts[0].and(verdicts[1])) == states[0].and(states[1]), "and \(sequence)")
            }
            if sequence.count == 1 {
                #expect(Self.state(of: verdicts[0].negated) == states[0].negated, "not \(sequence)")
            }
        }
    }
}
