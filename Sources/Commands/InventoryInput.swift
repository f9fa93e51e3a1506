import AppCore
import Inventory
import Zlib

/// An inventory file of any supported format read into an `InventoryDigest`: a gzip file is inflated first; a
/// refused file (hostile, unreadable, no known format) is a `CommandFailure` naming the file; row issues are kept
/// for the report and the other rows still load.
struct InventoryInput {
    let path: String
    var defaultHost: String?

    struct Contents {
        var digest: InventoryDigest
        var summary: InventorySummary
    }

    func read() throws(CommandFailure) -> Contents { try read(bytes()) }

    /// The file's bytes, inflated when gzip.
    func bytes() throws(CommandFailure) -> [UInt8] { try VocabularySource.inflated(FileInput.read(path), path: path) }

    func read(_ bytes: [UInt8]) throws(CommandFailure) -> Contents {
        let name = path.hasSuffix(".gz") ? String(path.dropLast(3)) : path
        var reader = InventoryReader(options: InventoryOptions(defaultHost: defaultHost), fileName: name)
        var digest = InventoryDigest()
        do {
            try reader.feed(bytes, to: &digest)
            let summary = try reader.finish(to: &digest)
            return Contents(digest: digest, summary: summary)
        } catch {
            throw CommandFailure(message: "\(path): refused: \(error)")
        }
    }

    /// Reads the file and identifies its rows as they arrive (`BatchIdentifier.readAndIdentify`).
    func readAndIdentify(
        _ bytes: [UInt8], with identifier: BatchIdentifier
    ) async throws(CommandFailure) -> IdentifiedInventory {
        let name = path.hasSuffix(".gz") ? String(path.dropLast(3)) : path
        let reader = InventoryReader(options: InventoryOptions(defaultHost: defaultHost), fileName: name)
        switch await identifier.readAndIdentify(bytes, reader: reader) {
        case .success(let identified): return identified
        case .failure(let error): throw CommandFailure(message: "\(path): refused: \(error)")
        }
    }

    /// `file:row: [field f: ]reason`, as editors and CI annotations read locations.
    func describe(_ issue: InventoryIssue) -> String {
        var text = "\(path):\(issue.row): "
        if issue.severity == .warning { text += "warning: " }
        if let field = issue.field { text += "field \(field): " }
        if let offset = issue.offset { text += "(byte \(offset)) " }
        return text + issue.reason
    }
}
