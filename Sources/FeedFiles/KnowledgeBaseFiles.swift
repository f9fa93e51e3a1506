import AppCore
import FeedSync
import Foundation
import Matching
import Snapshot
import VulnModel

/// The service's knowledge-base file (a `.vanskb` snapshot) and the feed documents it is built from, kept in
/// `<file>.feeds/` (ADR 0015): the snapshot holds only the compiled index and assessment facts, so merging new
/// documents means rebuilding from the documents, newest record per CVE winning (ADR 0003).
public struct KnowledgeBaseFiles: FeedDocumentRepository {
    public let file: String
    public let parallelism: Int
    let store: FeedStoreFolder

    public init(file: String, parallelism: Int = 2) {
        self.file = file
        self.parallelism = max(1, parallelism)
        store = FeedStoreFolder(knowledgeBase: file)
    }

    public func addFiles(_ paths: [String]) async throws(FeedUpdateError) -> Set<FeedSource> {
        try refuseForeignFile()
        let documents: [(path: String, size: Int)]
        do {
            documents = try FeedDirectory.documents(at: paths)
        } catch {
            throw FeedUpdateError(error.description)
        }
        guard !documents.isEmpty else {
            throw FeedUpdateError("\(paths.joined(separator: ", ")): no feed files (.json, .jsonl, .csv, or .gz)")
        }
        var destinations: [String: String] = [:]
        var copies: [(from: String, to: String)] = []
        var sources: Set<FeedSource> = []
        for document in documents.sorted(by: { $0.path < $1.path }) {
            let batch = FeedDirectory.decodeFile(atPath: document.path)
            guard let source = FeedSource(kind: batch.kind) else {
                let reason = batch.diagnostics.first?.message ?? "unknown format"
                throw FeedUpdateError("\(document.path): not a recognised feed: \(reason)")
            }
            let destination =
                store.folder(source, in: FeedStoreFolder.pending) + "/" + (document.path as NSString).lastPathComponent
            if let other = destinations[destination] {
                throw FeedUpdateError("\(document.path) and \(other) have the same name; import them separately")
            }
            destinations[destination] = document.path
            copies.append((document.path, destination))
            sources.insert(source)
        }
        for copy in copies { try store.copy(copy.from, to: copy.to) }
        return sources
    }

    public func addDocument(_ bytes: [UInt8], name: String, source: FeedSource) async throws(FeedUpdateError) {
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/") else {
            throw FeedUpdateError("\(name): not a document name")
        }
        try refuseForeignFile()
        let path = store.folder(source, in: FeedStoreFolder.pending) + "/" + name
        try store.write(bytes, to: path)
        let batch = FeedDirectory.decodeFile(atPath: path)
        guard FeedSource(kind: batch.kind) == source else {
            store.remove(path)
            let reason = batch.diagnostics.first?.message ?? "a \(batch.kind.rawValue) document"
            throw FeedUpdateError("\(name): not a \(source) document: \(reason)")
        }
    }

    public func pendingSources() async throws(FeedUpdateError) -> Set<FeedSource> {
        Set(FeedSource.allCases.filter { !store.files($0, in: FeedStoreFolder.pending).isEmpty })
    }

    public func commit() async throws(FeedUpdateError) -> KnowledgeBaseChange {
        try refuseForeignFile()
        // A crash between placing and rebuilding leaves replaced documents behind; they are gone from the base.
        store.remove(store.root + "/" + FeedStoreFolder.replaced)
        let pending = FeedSource.allCases.map { ($0, store.files($0, in: FeedStoreFolder.pending)) }
            .filter { !$0.1.isEmpty }
        if pending.isEmpty, FileManager.default.fileExists(atPath: file) {
            return KnowledgeBaseChange(sources: [:], touchedProducts: [], cves: 0, diagnostics: 0)
        }
        var placed: [(pending: String, path: String)] = []
        var setAside: [(path: String, aside: String)] = []
        for (source, files) in pending {
            let names = Set(files.map { ($0 as NSString).lastPathComponent })
            for current in store.files(source)
            where source.replacesWhole || names.contains((current as NSString).lastPathComponent) {
                setAside.append(
                    (
                        current,
                        store.folder(source, in: FeedStoreFolder.replaced) + "/"
                            + (current as NSString).lastPathComponent
                    ))
            }
            for file in files {
                placed.append((file, store.folder(source) + "/" + (file as NSString).lastPathComponent))
            }
        }
        do {
            for entry in setAside { try store.move(entry.path, to: entry.aside) }
            for entry in placed { try store.move(entry.pending, to: entry.path) }
            let change = try await rebuild(
                added: Set(placed.map(\.path)), replaced: setAside.map(\.aside),
                sources: Set(pending.map(\.0)))
            store.remove(store.root + "/" + FeedStoreFolder.replaced)
            return change
        } catch {
            for entry in placed.reversed() { try? store.move(entry.path, to: entry.pending) }
            for entry in setAside.reversed() { try? store.move(entry.aside, to: entry.path) }
            throw error
        }
    }

    /// A KB file with no documents kept beside it came from elsewhere (`vans feeds snapshot`): rebuilding from the
    /// store would silently drop what it holds.
    private func refuseForeignFile() throws(FeedUpdateError) {
        guard FileManager.default.fileExists(atPath: file), !store.exists else { return }
        throw FeedUpdateError(
            "\(file) was not written by `vans feeds import`, so the documents it was built from are not kept "
                + "beside it in \(store.root); import those documents into a new file instead")
    }

    private func rebuild(added: Set<String>, replaced: [String], sources: Set<FeedSource>)
        async throws(FeedUpdateError) -> KnowledgeBaseChange
    {
        let current = FeedSource.allCases.flatMap { store.files($0) }
        var kept = KnowledgeBase.Builder()
        try await load(current.filter { !added.contains($0) }, into: &kept)
        var before = kept
        try await load(replaced, into: &before)
        var after = kept
        try await load(current.filter { added.contains($0) }, into: &after)
        let old = before.build()
        let new = after.build()
        let touched = ProductChanges.touched(before: old, after: new)
        let index = MatchIndex(knowledgeBase: new)
        // The folder marks the file as one this type maintains, even while no document is kept.
        try store.createRoot()
        try store.write(KnowledgeSnapshot.encode(knowledgeBase: new, index: index), to: file)
        var summaries: [FeedSource: FeedSourceSummary] = [:]
        for source in sources {
            let files = store.files(source)
            let prefix = store.folder(source) + "/"
            let documents = new.documents.filter { $0.document.hasPrefix(prefix) }
            var summary = FeedSourceSummary(
                records: documents.reduce(0) { $0 + $1.records + $1.kevEntries + $1.epssScores },
                documents: files.count,
                digest: try FeedStoreFolder.digest(of: files)
            )
            if source == .nvd {
                summary.syncedThrough = new.records.values.lazy
                    .filter { $0.provenance.kind == .nvdAPI || $0.provenance.kind == .nvdFeed }
                    .compactMap(\.lastModified).max()
            }
            summaries[source] = summary
        }
        return KnowledgeBaseChange(
            sources: summaries, touchedProducts: touched.sorted(), cves: new.records.count,
            diagnostics: new.diagnostics.count + index.diagnostics.count)
    }

    private func load(_ paths: [String], into builder: inout KnowledgeBase.Builder) async throws(FeedUpdateError) {
        guard !paths.isEmpty else { return }
        do {
            try await FeedDirectory().load(paths, parallelism: parallelism) { builder.add($0) }
        } catch {
            throw FeedUpdateError(error.description)
        }
    }
}
