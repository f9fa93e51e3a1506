import AppCore
import Feeds
import Foundation
import VulnModel
import Zlib

/// Feed documents in files and folders: a folder is searched recursively for `.json`, `.jsonl` and `.csv`
/// files, each optionally gzipped (`.meta`, `.properties`, `.md`, `.xml` and the rest are ignored); a file
/// named directly is read whatever its name. Gzip is recognised by its magic number; a truncated or corrupt
/// stream is diagnosed and its readable prefix still decoded.
///
/// Documents are decoded in a task group with at most `parallelism` in flight, largest first so the big
/// ones do not end up last on one core; each batch goes to `consume` as soon as it is done, so at most
/// `parallelism` inflated documents and their batches exist at once.
public struct FeedDirectory: FeedDocumentSource {
    /// The most a document may inflate to; more is reported as corrupt rather than exhausting memory.
    public var maximumDocumentSize: Int

    public init(maximumDocumentSize: Int = 1 << 31) {
        self.maximumDocumentSize = maximumDocumentSize
    }

    static let extensions = [".json", ".jsonl", ".csv"]

    public func load(
        _ locations: [String],
        parallelism: Int,
        consume: (FeedBatch) -> Void
    ) async throws(FeedLocationError) {
        let documents = try Self.documents(at: locations)
        let limit = maximumDocumentSize
        await withTaskGroup(of: FeedBatch.self) { group in
            var pending = documents[...]
            for _ in 0..<max(1, parallelism) {
                guard let next = pending.popFirst() else { break }
                group.addTask { Self.decodeFile(atPath: next.path, limit: limit) }
            }
            while let batch = await group.next() {
                consume(batch)
                if let next = pending.popFirst() {
                    group.addTask { Self.decodeFile(atPath: next.path, limit: limit) }
                }
            }
        }
    }

    /// The documents at or under `locations`, largest first (ties by path).
    public static func documents(at locations: [String]) throws(FeedLocationError) -> [(path: String, size: Int)] {
        var found: [(path: String, size: Int)] = []
        let files = FileManager.default
        for location in locations {
            var isFolder: ObjCBool = false
            guard files.fileExists(atPath: location, isDirectory: &isFolder) else {
                throw FeedLocationError(location: location, reason: "no such file or folder")
            }
            guard files.isReadableFile(atPath: location) else {
                throw FeedLocationError(location: location, reason: "not readable")
            }
            guard isFolder.boolValue else {
                found.append((location, size(of: location)))
                continue
            }
            guard let walker = files.enumerator(atPath: location) else {
                throw FeedLocationError(location: location, reason: "folder cannot be listed")
            }
            let base = location.hasSuffix("/") ? location : location + "/"
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                guard !name.hasPrefix("."), isFeedName(name) else { continue }
                let path = base + relative
                var isDirectory: ObjCBool = false
                guard files.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    continue
                }
                found.append((path, size(of: path)))
            }
        }
        return found.sorted { $0.size != $1.size ? $0.size > $1.size : $0.path < $1.path }
    }

    static func isFeedName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        let stem = lowered.hasSuffix(".gz") ? String(lowered.dropLast(3)) : lowered
        return extensions.contains { stem.hasSuffix($0) }
    }

    private static func size(of path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// Reads, inflates when gzip, and decodes one file; every problem is a diagnostic in the batch.
    public static func decodeFile(atPath path: String, limit: Int = 1 << 31) -> FeedBatch {
        guard let data = FileManager.default.contents(atPath: path) else {
            return FeedBatch(
                document: path, kind: .unrecognised,
                diagnostics: [Diagnostic(kind: .unreadableFile, document: path, message: "could not be read")])
        }
        guard Inflate.isGzip(data) else {
            return data.withUnsafeBytes { raw in
                FeedDecoder.decode(raw.bindMemory(to: UInt8.self), document: path)
            }
        }
        let (bytes, failure) = Inflate.decompressAvailable([UInt8](data), limit: limit)
        var batch = FeedDecoder.decode(bytes, document: path)
        if let failure {
            let kind: Diagnostic.Kind = failure.reason == .truncated ? .truncatedCompression : .corruptCompression
            let message = "\(failure); decoded the \(bytes.count) bytes before it"
            batch.diagnostics.insert(
                Diagnostic(kind: kind, document: path, offset: bytes.count, message: message), at: 0)
        }
        return batch
    }
}
