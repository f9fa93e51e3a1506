import AppCore
import ArgumentParser
import Foundation
import Storage
import VulnModel

/// `vans feeds status`: each source's last success, counts, digest and staleness, and the service's banner.
struct FeedsStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each feed source's last update, counts, digest and whether it is stale."
    )

    @OptionGroup var storage: FeedStorageOptions

    @Option(
        name: .customLong("stale-after"),
        help: "A source's staleness threshold, as SOURCE=AGE (nvd=36h, epss=3d, kev=90m); repeatable."
    )
    var staleAfter: [String] = []

    func run() async throws {
        let freshness = FeedFreshness(thresholds: try Self.thresholds(staleAfter))
        let opened = try await storage.openStorage()
        let states: [FeedSourceState]
        do {
            states = try await SQLFeedSourceStore(backend: opened.backend).states()
            await opened.close()
        } catch {
            await opened.close()
            throw CommandFailure(message: "storage: \(error)")
        }
        let now = SystemClock().now()
        Console.output(Self.table(freshness.assess(states, now: now)))
        if let banner = freshness.banner(states, now: now) { Console.output("\n" + banner) }
    }

    static func table(_ assessments: [FeedFreshness.Assessment]) -> String {
        var rows = [["source", "status", "last success", "age", "stale after", "records", "docs", "digest", "note"]]
        for assessment in assessments {
            let state = assessment.state
            var note = state.lastError.map { "last attempt failed: \($0)" } ?? ""
            if let cursor = state.cursor { note += (note.isEmpty ? "" : "; ") + "sync paused at \(cursor)" }
            rows.append([
                state.source.rawValue, assessment.status.rawValue, state.lastSuccess?.description ?? "-",
                assessment.age.map(FeedFreshness.describe) ?? "-", FeedFreshness.describe(assessment.threshold),
                "\(state.records)", "\(state.documents)", state.digest.map { String($0.prefix(12)) } ?? "-", note,
            ])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                .trimmingTrailingSpaces
        }.joined(separator: "\n")
    }

    /// `nvd=36h` and the like; units d, h, m (minutes).
    static func thresholds(_ texts: [String]) throws(CommandFailure) -> [FeedSource: Duration] {
        var result: [FeedSource: Duration] = [:]
        for text in texts {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let source = FeedSource(rawValue: parts[0]) else {
                let known = FeedSource.allCases.map(\.rawValue).joined(separator: ", ")
                throw CommandFailure(message: "--stale-after \(text): expected SOURCE=AGE with SOURCE one of \(known)")
            }
            guard let age = duration(parts[1]) else {
                throw CommandFailure(message: "--stale-after \(text): AGE is a whole number and d, h or m, as 36h")
            }
            result[source] = age
        }
        return result
    }

    static func duration(_ text: String) -> Duration? {
        guard let unit = text.last, let value = Int64(text.dropLast()), value > 0 else { return nil }
        switch unit {
        case "d": return .seconds(value * 86_400)
        case "h": return .seconds(value * 3600)
        case "m": return .seconds(value * 60)
        default: return nil
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
