/// Where the service's one knowledge base comes from. The adapter loads it at start and again when its file is
/// replaced, so a worker asks for the current one at the start of every job.
public protocol KnowledgeBaseProvider: Sendable {
    /// The knowledge base now, waiting for the first load to finish; throws when it cannot be loaded.
    func current() async throws -> LoadedKnowledgeBase

    /// Whether a knowledge base is loaded now, without waiting (readiness).
    func isLoaded() async -> Bool
}
