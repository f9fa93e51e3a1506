import AppCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import VulnModel

@Suite("API: feed status")
struct FeedStatusAPITests {
    @Test("GET /api/v1/feeds lists every source with its freshness and the banner")
    func feeds() async throws {
        try await ServiceHarness.with { harness in
            let store = SQLFeedSourceStore(backend: harness.backend)
            let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
            try await store.save(
                FeedSourceState(
                    source: .nvd, lastSuccess: Timestamp(millisecondsSinceEpoch: now - 3_600_000), records: 38,
                    documents: 3, digest: String(repeating: "0", count: 64)))
            try await store.save(
                FeedSourceState(source: .kev, lastSuccess: Timestamp(millisecondsSinceEpoch: now - 5 * 86_400_000)))
            try await harness.application().test(.router) { client in
                try await client.execute(uri: "/api/v1/feeds", method: .get) { response in
                    #expect(response.status == .ok)
                    let sources = response.body.object["sources"] as? [[String: Any]] ?? []
                    #expect(sources.map { $0["source"] as? String } == ["nvd", "nvd-overrides", "cve5", "kev", "epss"])
                    #expect(
                        sources.map { $0["status"] as? String } == ["fresh", "missing", "missing", "stale", "missing"])
                    #expect(sources.first?["records"] as? Int == 38)
                    // An hour old when saved, plus however long the machine took to answer (minutes under load).
                    let waited = Int(Date().timeIntervalSince1970 - Double(now) / 1000) + 1
                    #expect((3600...3600 + waited).contains(sources.first?["ageSeconds"] as? Int ?? 0))
                    let banner = response.body.object["banner"] as? String
                    #expect(banner?.contains("kev last updated 5 d 0 h ago") == true)
                    #expect(banner?.contains("epss never loaded") == true)
                    #expect(banner?.contains("nvd") == false)
                }
            }
        }
    }
}
