/// Whether the service can do its work: the database answers and the knowledge base is loaded.
public struct Readiness: Sendable {
    public let storage: any StorageProbe
    public let knowledge: any KnowledgeBaseProvider

    public init(storage: any StorageProbe, knowledge: any KnowledgeBaseProvider) {
        self.storage = storage
        self.knowledge = knowledge
    }

    public func isReady() async -> Bool {
        guard await knowledge.isLoaded() else { return false }
        do {
            try await storage.ping()
            return true
        } catch {
            return false
        }
    }
}
