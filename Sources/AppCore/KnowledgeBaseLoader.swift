import VulnModel

/// Loads feed documents from a source and merges them into a knowledge base.
public struct KnowledgeBaseLoader: Sendable {
    public let source: any FeedDocumentSource
    public let parallelism: Int

    public init(source: any FeedDocumentSource, parallelism: Int = 2) {
        self.source = source
        self.parallelism = max(1, parallelism)
    }

    public func load(_ locations: [String]) async throws(FeedLocationError) -> KnowledgeBase {
        var builder = KnowledgeBase.Builder()
        try await source.load(locations, parallelism: parallelism) { builder.add($0) }
        return builder.build()
    }
}
