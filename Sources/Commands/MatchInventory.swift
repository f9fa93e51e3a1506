import AppCore
import Foundation
import Identification
import Inventory
import Matching
import VulnModel

/// The inventory `vans match` reads: a `host,cpe` CSV goes the old strict way (a bad CPE refuses the file);
/// anything else is read by `InventoryReader`, rows with a CPE are validated and the others identified, and
/// what has a CPE is matched while the rest is accounted for in the conversion report.
enum MatchInventory {
    /// Rows for the matcher, each with the line (or element) it came from.
    typealias Entries = [(line: Int, entry: InventoryEntry)]

    case hostCPE(Entries)
    case records(InventoryInput, InventoryInput.Contents)

    static func read(_ path: String, defaultHost: String?) throws(CommandFailure) -> MatchInventory {
        let chunks = try FileChunks(path: path)
        let first = try chunks.next() ?? []
        guard isHostCPEHeader(first) else {
            let input = InventoryInput(
                path: path, defaultHost: defaultHost ?? URL(fileURLWithPath: path).lastPathComponent)
            return .records(input, try input.read(chunks, first: first))
        }
        let bytes = first + (try chunks.rest())
        do {
            return .hostCPE(
                try HostCPEInventory.parse(bytes).map { row in
                    (row.line, InventoryEntry(host: HostID(row.host), cpe: row.cpe))
                })
        } catch {
            throw CommandFailure(message: "\(path): \(error)")
        }
    }

    /// Whether the first line is exactly the two columns `host` and `cpe` (any case, order, BOM).
    static func isHostCPEHeader(_ bytes: [UInt8]) -> Bool {
        var line = bytes.prefix { $0 != UInt8(ascii: "\n") }
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        let names = String(decoding: line, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        return names.count == 2 && Set(names) == ["host", "cpe"]
    }

    /// Identifies the rows that need it and returns the matcher's entries with the file's conversion report.
    /// Rows whose given CPE is malformed are listed as refused, with their line; rows without a CPE are counted
    /// by failure code and not matched.
    static func entries(
        _ contents: InventoryInput.Contents, file: String, options: IdentificationOptions,
        vocabulary: () throws(CommandFailure) -> CPEVocabulary
    ) async throws(CommandFailure) -> (entries: Entries, summary: ConversionSummary) {
        let digest = contents.digest
        let needsVocabulary = digest.keys.contains { $0.cpe == nil }
        let identifier = try options.identifier(
            vocabulary: needsVocabulary ? try vocabulary() : CPEVocabulary.Builder().build())
        let (answers, report) = await BatchIdentifier(identifier: identifier).identify(digest)
        let cpes = answers.map { $0.resolution.cpe?.formattedString }
        let hosts = digest.hosts.map(HostID.init)
        let fallback = HostID(options.host ?? URL(fileURLWithPath: file).lastPathComponent)
        var entries: Entries = []
        entries.reserveCapacity(digest.rows.count)
        var refused: [(row: Int, reason: String)] = []
        for row in digest.rows {
            let key = Int(row.key)
            guard let cpe = cpes[key] else {
                if answers[key].resolution.failure == .malformedCPE {
                    refused.append((row.row, answers[key].resolution.reason))
                }
                continue
            }
            let host = row.host < 0 ? fallback : hosts[Int(row.host)]
            entries.append((row.row, InventoryEntry(host: host, cpe: cpe)))
        }
        var summary = ConversionSummary(
            file: file, report: report, summary: contents.summary, issues: digest.issues)
        summary.refused = refused
        return (entries, summary)
    }
}
