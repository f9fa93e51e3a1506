import AppCore
import Crypto
import Foundation

/// The folder of feed documents a knowledge-base file is built from, `<file>.feeds` beside it: one subfolder per
/// source holding the documents in force, `.pending/<source>/` for documents not yet merged and `.replaced/` for
/// the ones a commit is replacing. Every file is written under a temporary name and renamed into place.
struct FeedStoreFolder: Sendable {
    let root: String

    init(knowledgeBase: String) { root = knowledgeBase + ".feeds" }

    static let pending = ".pending"
    static let replaced = ".replaced"

    var exists: Bool { FileManager.default.fileExists(atPath: root) }

    func folder(_ source: FeedSource, in area: String? = nil) -> String {
        [root, area, source.rawValue].compactMap { $0 }.joined(separator: "/")
    }

    /// The documents of `source` in `area` (in force when nil), sorted by name.
    func files(_ source: FeedSource, in area: String? = nil) -> [String] {
        let folder = folder(source, in: area)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }

    func write(_ bytes: [UInt8], to path: String) throws(FeedUpdateError) {
        try createFolder(for: path)
        let temporary = Self.temporaryName(for: path)
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw FeedUpdateError("\(temporary): cannot be written")
        }
        try move(temporary, to: path)
    }

    func copy(_ source: String, to path: String) throws(FeedUpdateError) {
        try createFolder(for: path)
        let temporary = Self.temporaryName(for: path)
        do {
            try? FileManager.default.removeItem(atPath: temporary)
            try FileManager.default.copyItem(atPath: source, toPath: temporary)
        } catch {
            throw FeedUpdateError("\(source): cannot be copied to \(root): \(error.localizedDescription)")
        }
        try move(temporary, to: path)
    }

    /// Renames `path` to `destination`, replacing what is there (rename(2) is atomic on one file system).
    func move(_ path: String, to destination: String) throws(FeedUpdateError) {
        try createFolder(for: destination)
        guard rename(path, destination) == 0 else {
            throw FeedUpdateError("\(path): cannot be renamed to \(destination): \(String(cString: strerror(errno)))")
        }
    }

    func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    func createRoot() throws(FeedUpdateError) { try createFolder(for: root + "/.") }

    private func createFolder(for path: String) throws(FeedUpdateError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FeedUpdateError("\(folder): cannot be created: \(error.localizedDescription)")
        }
    }

    static func temporaryName(for path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder + "/.tmp-" + (path as NSString).lastPathComponent
    }

    /// SHA-256 over the names and contents of `paths`, in order: equal exactly when the documents are.
    static func digest(of paths: [String]) throws(FeedUpdateError) -> String {
        var whole = SHA256()
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw FeedUpdateError("\(path): cannot be read")
            }
            whole.update(data: Array(((path as NSString).lastPathComponent + "\n").utf8))
            whole.update(data: Array(SHA256.hash(data: data)))
        }
        return whole.finalize().map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }
}
