import VulnModel

/// Loads new feed documents into the service's knowledge base: records each source's outcome and queues one
/// `rematch` job for the products the change touches, and only those.
public struct FeedUpdate: Sendable {
    public let repository: any FeedDocumentRepository
    public let sources: any FeedSourceStore
    public let jobs: any JobQueue
    public let clock: any WallClock

    public init(
        repository: any FeedDocumentRepository, sources: any FeedSourceStore, jobs: any JobQueue,
        clock: any WallClock
    ) {
        self.repository = repository
        self.sources = sources
        self.jobs = jobs
        self.clock = clock
    }

    public struct Report: Hashable, Sendable {
        public var change: KnowledgeBaseChange
        /// The queued `rematch` job; nil when no product was touched.
        public var rematch: Job?
    }

    /// `vans feeds import`: adds the files and commits them.
    public func importFiles(_ paths: [String]) async throws -> Report {
        let started = clock.now()
        let added = try await repository.addFiles(paths)
        return try await commit(attempted: added, started: started)
    }

    /// Commits what is pending and records the outcome for `attempted`, every source with pending documents and
    /// every source in `failures` (which keeps its last success: what it did fetch is merged, but it is not current).
    public func commit(
        attempted: Set<FeedSource>, started: Timestamp, failures: [FeedSource: String] = [:]
    ) async throws -> Report {
        let involved = attempted.union(try await repository.pendingSources()).union(failures.keys)
        let change: KnowledgeBaseChange
        do {
            change = try await repository.commit()
        } catch {
            for source in involved {
                try await recordFailure(of: source, failures[source] ?? error.description, at: started)
            }
            throw error
        }
        for (source, summary) in change.sources {
            var state = try await sources.state(of: source)
            if failures[source] == nil { state.lastSuccess = started }
            state.lastAttempt = started
            state.lastError = failures[source]
            state.records = summary.records
            state.documents = summary.documents
            state.digest = summary.digest
            if let through = summary.syncedThrough {
                state.syncedThrough = max(through, state.syncedThrough ?? through)
            }
            try await sources.save(state)
        }
        for (source, message) in failures where change.sources[source] == nil {
            try await recordFailure(of: source, message, at: started)
        }
        var rematch: Job?
        if !change.touchedProducts.isEmpty {
            rematch = try await jobs.enqueue(RematchProcessor.job(products: change.touchedProducts), now: clock.now())
        }
        return Report(change: change, rematch: rematch)
    }

    /// Records a failed attempt without touching what the source last loaded successfully.
    public func recordFailure(of source: FeedSource, _ message: String, at time: Timestamp) async throws {
        var state = try await sources.state(of: source)
        state.lastAttempt = time
        state.lastError = message
        try await sources.save(state)
    }
}
