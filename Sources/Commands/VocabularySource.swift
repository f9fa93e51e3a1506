import CPE
import Foundation
import Identification
import Matching
import VulnModel

/// Builds the CPE vocabulary identification answers from: the products of the loaded vulnerability data (a
/// knowledge base, or a snapshot's match index) and any CPE dictionaries or derived product indexes given.
struct VocabularySource {
    var knowledgeBase: KnowledgeBase?
    var index: MatchIndex?
    var dictionaries: [String] = []

    func build() throws(CommandFailure) -> CPEVocabulary {
        var builder = CPEVocabulary.Builder()
        if let knowledgeBase { builder.add(knowledgeBase) }
        if let index { Self.add(index, to: &builder) }
        for path in try Self.files(dictionaries) {
            let bytes = try FileChunks.contents(of: path, gunzip: true)
            if Self.isXML(bytes) {
                builder.add(dictionaryXML: bytes)
            } else if bytes.starts(with: Array("part,".utf8)) {
                builder.add(indexCSV: bytes)
            } else {
                throw CommandFailure(
                    message: "\(path): neither a CPE dictionary (XML) nor a product index (CSV with header part,…)")
            }
        }
        return builder.build()
    }

    /// A snapshot has no records, only the compiled criteria: each criterion's product counts as having data,
    /// and its exact version (not a range) is a version seen.
    static func add(_ index: MatchIndex, to builder: inout CPEVocabulary.Builder) {
        var seen: Set<Identification.ProductKey> = []
        for criterion in index.criteria {
            let fields = criterion.text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard fields.count == 6, fields[2] != "*", fields[3] != "*", fields[4] != "*" else { continue }
            let key = Identification.ProductKey(
                part: String(fields[2]), vendor: String(fields[3]), product: String(fields[4]))
            guard !key.vendor.contains("*"), !key.product.contains("*"), !key.vendor.contains("?") else { continue }
            let version = criterion.range == nil ? criterion.version.logical : nil
            builder.add(key, version: version, cves: seen.insert(key).inserted ? 1 : 0)
        }
    }

    /// Files as given, and the `.xml`, `.csv` (optionally `.gz`) files directly in folders given.
    static func files(_ locations: [String]) throws(CommandFailure) -> [String] {
        var found: [String] = []
        for location in locations {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: location, isDirectory: &isFolder) else {
                throw CommandFailure(message: "\(location): no such file or folder")
            }
            guard isFolder.boolValue else {
                found.append(location)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: location)) ?? []
            let suffixes = [".xml", ".xml.gz", ".csv", ".csv.gz"]
            found += names.filter { name in suffixes.contains { name.hasSuffix($0) } }.sorted()
                .map { "\(location)/\($0)" }
        }
        return found
    }

    private static func isXML(_ bytes: [UInt8]) -> Bool {
        let start = bytes.prefix(512).drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0x20 || $0 == 0x0A }
        return start.first == UInt8(ascii: "<")
    }
}
