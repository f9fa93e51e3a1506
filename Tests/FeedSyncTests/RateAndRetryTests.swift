import FeedSync
import Testing
import VulnModel

/// The rate limit as a schedule and the retry decisions, computed without waiting.
struct RateAndRetryTests {
    static func at(_ seconds: Int64) -> Timestamp { Timestamp(millisecondsSinceEpoch: seconds * 1000) }

    @Test func withoutAKeyTheSixthRequestWaitsUntilTheFirstLeavesTheWindow() {
        var schedule = RateSchedule.nvdWithoutKey
        let slots = (0..<7).map { _ in schedule.reserve(now: Self.at(100)) }
        #expect(slots == [100, 100, 100, 100, 100, 130, 130].map(Self.at))
    }

    @Test func withAKeyFiftyRequestsFitInOneWindow() {
        var schedule = RateSchedule.nvdWithKey
        let slots = (0..<51).map { _ in schedule.reserve(now: Self.at(0)) }
        #expect(slots.prefix(50).allSatisfy { $0 == Self.at(0) })
        #expect(slots.last == Self.at(30))
    }

    @Test func requestsSpreadOutOverTimeNeverWait() {
        var schedule = RateSchedule(limit: 2, period: .seconds(10))
        for second in stride(from: Int64(0), to: 100, by: 6) {
            #expect(schedule.reserve(now: Self.at(second)) == Self.at(second))
        }
    }

    @Test func anyWindowOfThePeriodHoldsAtMostTheLimit() {
        var schedule = RateSchedule(limit: 3, period: .seconds(30))
        var sent: [Int64] = []
        for now in [0, 1, 2, 3, 4, 40, 41, 42, 43, 44, 45] as [Int64] {
            sent.append(schedule.reserve(now: Self.at(now)).millisecondsSinceEpoch)
        }
        for start in sent {
            #expect(sent.filter { $0 >= start && $0 < start + 30_000 }.count <= 3)
        }
    }

    @Test(arguments: [
        (RetryPolicy.Outcome.status(200, retryAfter: nil), 1, RetryPolicy.Decision.accept),
        (.status(404, retryAfter: nil), 1, .giveUp(reason: "HTTP 404")),
        (.status(503, retryAfter: nil), 1, .retry(after: .seconds(2))),
        (.status(503, retryAfter: nil), 3, .retry(after: .seconds(8))),
        (.status(502, retryAfter: .seconds(20)), 1, .retry(after: .seconds(20))),
        (.status(429, retryAfter: nil), 1, .retry(after: .seconds(30))),
        (.status(403, retryAfter: .seconds(90)), 2, .retry(after: .seconds(90))),
        (.timeout, 2, .retry(after: .seconds(4))),
        (.transportFailure("connection refused"), 7, .retry(after: .seconds(120))),
        (.status(500, retryAfter: nil), 10, .giveUp(reason: "HTTP 500, 10 attempts")),
    ])
    func retryDecisions(outcome: RetryPolicy.Outcome, attempt: Int, expected: RetryPolicy.Decision) {
        let policy = RetryPolicy(maximumAttempts: 10)
        #expect(policy.decide(outcome, attempt: attempt) == expected)
    }
}
