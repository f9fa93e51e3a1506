import Feeds
import Foundation
import TestSupport
import Testing
import VulnModel

/// The 1.1 → 2.0 conversion checked against NVD's own 2.0 output for every CVE present in both the 2.0
/// yearly files (snapshots of April–May 2024) and the final 1.1 yearly files (November 2023 – January 2024).
@Suite(.enabled(if: Feed.sharedDataAvailable, "\(SharedData.unavailableReason)"))
struct NVDFeedEquivalenceTests {
    /// What is compared: operators, negation, criteria, ranges and vulnerable flags (1.1 has no
    /// `matchCriteriaId`). AND and OR are commutative and NVD sorts 2.0 criteria where 1.1 kept entry
    /// order, so criteria, nodes and configurations are compared as sorted lists.
    static func shape(_ configurations: [Configuration]) -> [String] {
        configurations.map { configuration in
            "\(configuration.op.rawValue)\(configuration.negate ? " NOT" : "")("
                + configuration.nodes.map { node in
                    "\(node.op.rawValue)\(node.negate ? " NOT" : "")["
                        + node.matches.map(\.summary).sorted().joined(separator: ", ") + "]"
                }.sorted().joined(separator: " ") + ")"
        }.sorted()
    }

    static func decodeAll(_ paths: [String]) async -> [FeedBatch] {
        await withTaskGroup(of: FeedBatch?.self) { group in
            var pending = paths[...]
            var batches: [FeedBatch] = []
            for _ in 0..<2 {
                guard let path = pending.popFirst() else { break }
                group.addTask { try? Feed.shared(path) }
            }
            while let batch = await group.next() {
                if let batch { batches.append(batch) }
                if let path = pending.popFirst() { group.addTask { try? Feed.shared(path) } }
            }
            return batches
        }
    }

    @Test func convertedConfigurationsEqualNVDs() async throws {
        let api = SharedData.files(under: "nvd/api-2.0").filter { !$0.path.contains("/modified/") }
            .map { "nvd/api-2.0/" + $0.lastPathComponent }
        let feed = SharedData.files(under: "nvd/feed-1.1").filter {
            !$0.path.contains("/modified/") && !$0.path.contains("_asof")
        }
        .map { "nvd/feed-1.1/" + $0.lastPathComponent }
        #expect(api.count == 15 && feed.count == 17)
        var apiRecords: [CVEID: CVERecord] = [:]
        var feedRecords: [CVEID: CVERecord] = [:]
        var unsupported = 0
        for batch in await Self.decodeAll(api + feed) {
            for record in batch.records {
                if batch.kind == .nvdAPI { apiRecords[record.id] = record } else { feedRecords[record.id] = record }
            }
            unsupported += batch.diagnostics.filter { $0.kind == .unsupportedConfiguration }.count
            #expect(batch.diagnostics.allSatisfy { $0.kind == .unsupportedConfiguration }, "\(batch.document)")
        }
        var sameTime = 0
        var sameTimeEqual = 0
        var modified = 0
        var modifiedEqual = 0
        var unequal: [String] = []
        for (id, converted) in feedRecords {
            guard let reference = apiRecords[id] else { continue }
            // 1.1 writes lastModified to the minute; a record NVD did not touch between the snapshots
            // has the same minute in both.
            let minute = { (record: CVERecord) in (record.lastModified?.millisecondsSinceEpoch ?? 0) / 60_000 }
            let equal = Self.shape(converted.configurations) == Self.shape(reference.configurations)
            if minute(converted) == minute(reference) {
                sameTime += 1
                if equal { sameTimeEqual += 1 } else if unequal.count < 5 { unequal.append("\(id)") }
            } else {
                modified += 1
                if equal { modifiedEqual += 1 }
            }
        }
        print(
            "1.1↔2.0: \(sameTime + modified) CVEs in both; \(sameTime) with the same lastModified, \(sameTimeEqual) of"
                + " them equal; \(modified) modified between the snapshots, \(modifiedEqual) of them still equal;"
                + " \(unsupported) unsupported 1.1 nodes")
        #expect(sameTime + modified > 80_000)
        #expect(sameTime > 70_000)
        #expect(sameTimeEqual == sameTime, "first differing: \(unequal)")
    }
}
