import AppCore
import FeedFiles
import Identification
import Matching
import TestSupport
import VulnModel

/// The bundled sample feeds as the service's knowledge base, with the identification data of `Data/identification`,
/// loaded once for all tests.
struct SampleKnowledge: KnowledgeBaseProvider {
    static let shared = Task { try await load() }

    static func load() async throws -> LoadedKnowledgeBase {
        let root = SharedData.packageRoot
        let knowledgeBase = try await KnowledgeBaseLoader(source: FeedDirectory()).load([
            root.appendingPathComponent("Samples/feeds").path
        ])
        var vocabulary = CPEVocabulary.Builder()
        vocabulary.add(knowledgeBase)
        let aliases = try AliasDictionary(
            jsonBytes: try SharedData.bytes(at: root.appendingPathComponent("Data/identification/aliases.json")))
        let catalogue = try ProhibitedCatalogue(
            jsonBytes: try SharedData.bytes(
                at: root.appendingPathComponent("Data/identification/prohibited-catalogue.json")))
        let identifier = InventoryIdentifier(
            identifier: SoftwareIdentifier(vocabulary: vocabulary.build(), aliases: aliases),
            checker: ProhibitedChecker(catalogue: catalogue))
        return LoadedKnowledgeBase(
            matcher: InventoryMatcher(
                facts: knowledgeBase, index: MatchIndex(knowledgeBase: knowledgeBase), policy: RiskPolicy()),
            identifier: identifier, source: "Samples/feeds", loadedAt: ServiceHarness.now)
    }

    func current() async throws -> LoadedKnowledgeBase { try await Self.shared.value }
    func isLoaded() async -> Bool { true }
}

/// A knowledge base that is never loaded: readiness must say no.
struct NotLoadedKnowledge: KnowledgeBaseProvider {
    struct NotLoaded: Error {}
    func current() async throws -> LoadedKnowledgeBase { throw NotLoaded() }
    func isLoaded() async -> Bool { false }
}
