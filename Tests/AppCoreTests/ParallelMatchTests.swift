import AppCore
import FeedFiles
import Matching
import TestSupport
import Testing
import VulnModel

@Suite struct ParallelMatchTests {
    /// Hosts that mix simple and host-dependent CVEs, generic platforms and shared items.
    static let entries: [InventoryEntry] = (0..<40).flatMap { host -> [InventoryEntry] in
        let cpes = [
            host % 3 == 0
                ? "cpe:2.3:o:microsoft:windows_10_22h2:10.0.19045.3448:*:*:*:*:*:x64:*"
                : "cpe:2.3:o:linux:linux_kernel:5.10:*:*:*:*:*:*:*",
            "cpe:2.3:a:adobe:bridge:11.0.\(host % 2):*:*:*:*:*:*:*",
            "cpe:2.3:a:google:chrome:119.0.6045.\(100 + host % 5):*:*:*:*:*:*:*",
            "cpe:2.3:a:openssl:openssl:1.0.2z\(["h", "i", "j"][host % 3]):*:*:*:*:*:*:*",
            "cpe:2.3:o:hp:color_laserjet_cm4540_mfp_cc419a_firmware:3.\(host % 4):*:*:*:*:*:*:*",
            "cpe:2.3:h:hp:color_laserjet_cm4540_mfp_cc419a:-:*:*:*:*:*:*:*",
        ]
        return cpes.map { InventoryEntry(host: HostID("host-\(host)"), cpe: $0) }
    }

    @Test(arguments: [1, 2, 3, 7]) func splittingTheWorkChangesNothing(_ parallelism: Int) async throws {
        let base = try await KnowledgeBaseLoader(source: FeedDirectory(), parallelism: 2)
            .load([SharedData.fixture("Matching").path])
        let matcher = Matcher(index: MatchIndex(knowledgeBase: base))
        let sequential = try matcher.match(Self.entries).get().findings
        let parallel = try await matcher.match(Self.entries, parallelism: parallelism).get().findings
        #expect(sequential.count > 100)
        #expect(parallel == sequential)
    }
}
