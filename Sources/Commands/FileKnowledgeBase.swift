import AppCore
import Foundation
import Identification
import Matching
import VulnModel

/// The service's knowledge base: a `.vanskb` file made by `vans feeds snapshot` (and rewritten, temp + rename, by
/// `vans feeds import`/`sync`), or when that file is absent the bundled `Samples/feeds`, so that `vans serve` with no
/// arguments works. The file is looked at on every `current()` (one `stat`); when it was replaced the new one is
/// loaded off the actor and swapped in, and until then, or if it cannot be read, the loaded one stays in use.
actor FileKnowledgeBase: KnowledgeBaseProvider {
    /// What identifies one version of the file: a rename gives another inode, a rewrite another time or size.
    struct FileIdentity: Hashable, Sendable {
        var inode: UInt64
        var modified: Double
        var size: UInt64
    }

    let path: String
    /// `IdentificationOptions` arguments (the data files' locations), parsed where the identifier is built.
    let identification: [String]
    let clock: @Sendable () -> Timestamp
    private var loaded: LoadedKnowledgeBase?
    private var loadedIdentity: FileIdentity?
    private var loading: (identity: FileIdentity?, task: Task<LoadedKnowledgeBase, any Error>)?
    private var refused: FileIdentity?

    init(path: String, identification: [String] = [], clock: @escaping @Sendable () -> Timestamp) {
        self.path = path
        self.identification = identification
        self.clock = clock
    }

    /// The file the contract names by default: `vans-kb.vanskb` beside the SQLite file, else in the current folder.
    static func defaultPath(beside database: String?) -> String {
        let folder = database.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        return (folder ?? FileManager.default.currentDirectoryPath) + "/vans-kb.vanskb"
    }

    func isLoaded() -> Bool { loaded != nil }

    /// Starts loading without waiting, so the server can listen (and answer 503 on /readyz) meanwhile; the
    /// knowledge base counts as loaded, and /readyz as ready, once it is in place.
    func preload() {
        Task { _ = try? await self.current() }
    }

    func current() async throws -> LoadedKnowledgeBase {
        let identity = Self.identity(of: path)
        if let loaded, identity == nil || identity == loadedIdentity || identity == refused {
            return loaded
        }
        let task = start(identity: identity)
        do {
            let fresh = try await task.value
            if let current = loading, current.identity == identity { loading = nil }
            loaded = fresh
            loadedIdentity = identity
            return fresh
        } catch {
            if let current = loading, current.identity == identity { loading = nil }
            guard let loaded else { throw error }
            refused = identity
            Console.error("vans: \(path): not loaded, the previous knowledge base stays in use: \(error)")
            return loaded
        }
    }

    private func start(identity: FileIdentity?) -> Task<LoadedKnowledgeBase, any Error> {
        if let loading, loading.identity == identity { return loading.task }
        let (path, options, clock) = (path, identification, clock)
        let task = Task { try await Self.load(identity == nil ? nil : path, identification: options, clock: clock) }
        loading = (identity, task)
        return task
    }

    /// Runs off the actor: decoding a national snapshot and building its vocabulary take seconds.
    static func load(
        _ path: String?, identification arguments: [String], clock: @Sendable () -> Timestamp
    ) async throws -> LoadedKnowledgeBase {
        let identification = try IdentificationOptions.parse(arguments)
        let policy = RiskPolicy()
        var vocabulary = VocabularySource(dictionaries: identification.cpeDictionaries)
        let matcher: InventoryMatcher
        let source: String
        if let path {
            let contents = try readSnapshot(path)
            matcher = InventoryMatcher(facts: contents.assessments, index: contents.index, policy: policy)
            vocabulary.index = contents.index
            source = path
        } else {
            let feeds = try sampleFeeds()
            let knowledgeBase = try await loadKnowledgeBase([feeds])
            matcher = InventoryMatcher(
                facts: knowledgeBase, index: MatchIndex(knowledgeBase: knowledgeBase), policy: policy)
            vocabulary.knowledgeBase = knowledgeBase
            source = feeds
        }
        let identifier = try identification.identifier(vocabulary: try vocabulary.build())
        return LoadedKnowledgeBase(matcher: matcher, identifier: identifier, source: source, loadedAt: clock())
    }

    /// `Samples/feeds` in the current folder or in the package the executable was built in.
    static func sampleFeeds() throws(CommandFailure) -> String {
        var candidates = [FileManager.default.currentDirectoryPath + "/Samples/feeds"]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var folder = executable.deletingLastPathComponent()
            while folder.path != "/" && !folder.path.isEmpty {
                candidates.append(folder.appendingPathComponent("Samples/feeds").path)
                folder = folder.deletingLastPathComponent()
            }
        }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw CommandFailure(
                message: "no knowledge base: give --kb FILE (made by `vans feeds snapshot`), or run from the "
                    + "OpenVANS checkout so that Samples/feeds is found")
        }
        return found
    }

    static func identity(of path: String) -> FileIdentity? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return FileIdentity(
            inode: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0,
            modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0,
            size: (attributes[.size] as? NSNumber)?.uint64Value ?? 0)
    }
}
