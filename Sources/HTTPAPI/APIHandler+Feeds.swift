internal import AppCore
internal import Foundation
internal import VulnModel

extension APIHandler {
    package func getFeeds(_ input: Operations.GetFeeds.Input) async throws -> Operations.GetFeeds.Output {
        let now = Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
        let freshness = feeds?.freshness ?? FeedFreshness()
        let states = try await feeds?.store.states() ?? []
        let sources = freshness.assess(states, now: now).map { assessment in
            let state = assessment.state
            return Components.Schemas.FeedSourceStatus(
                source: .init(rawValue: state.source.rawValue) ?? .nvd,
                status: .init(rawValue: assessment.status.rawValue) ?? .missing,
                lastSuccess: state.lastSuccess?.description, lastAttempt: state.lastAttempt?.description,
                lastError: state.lastError, ageSeconds: assessment.age?.components.seconds,
                staleAfterSeconds: assessment.threshold.components.seconds, records: Int64(state.records),
                documents: Int64(state.documents), digest: state.digest)
        }
        return .ok(.init(body: .json(.init(banner: freshness.banner(states, now: now), sources: sources))))
    }
}
