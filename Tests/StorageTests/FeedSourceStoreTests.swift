import AppCore
import Storage
import Testing
import VulnModel

@Suite("Storage: feed sources")
struct FeedSourceStoreTests {
    @Test("a source's state is saved, replaced whole and read back in source order", arguments: Engine.allCases)
    func roundTrip(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let store = SQLFeedSourceStore(backend: backend)
            #expect(try await store.states().isEmpty)
            #expect(try await store.state(of: .kev) == FeedSourceState(source: .kev))
            let nvd = FeedSourceState(
                source: .nvd, lastSuccess: Timestamp(millisecondsSinceEpoch: 1_000),
                lastAttempt: Timestamp(millisecondsSinceEpoch: 2_000), lastError: "HTTP 503, 6 attempts",
                records: 38, documents: 3, digest: String(repeating: "ab", count: 32),
                syncedThrough: Timestamp(millisecondsSinceEpoch: 900), cursor: "1 2 1 2 15")
            let epss = FeedSourceState(source: .epss, lastSuccess: Timestamp(millisecondsSinceEpoch: 5), records: 30)
            try await store.save(epss)
            try await store.save(nvd)
            #expect(try await store.states() == [nvd, epss])
            var cleared = nvd
            cleared.lastError = nil
            cleared.cursor = nil
            try await store.save(cleared)
            #expect(try await store.state(of: .nvd) == cleared)
        }
    }

    @Test("a digest that is not SHA-256 hex length is refused", arguments: Engine.allCases)
    func badDigest(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let store = SQLFeedSourceStore(backend: backend)
            await #expect(throws: StoreError.self) {
                try await store.save(FeedSourceState(source: .kev, digest: "short"))
            }
        }
    }
}
