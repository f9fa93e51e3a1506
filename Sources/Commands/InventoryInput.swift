import AppCore
import Inventory

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

    /// Opens the file: a missing or unreadable inventory fails here, before any slow work.
    func open() throws(CommandFailure) -> FileChunks { try FileChunks(path: path) }

    /// Reads the rest of `chunks` (after `first`, a piece already taken from it) into a digest, piece by piece.
    func read(_ chunks: FileChunks, first: [UInt8] = []) throws(CommandFailure) -> Contents {
        var reader = InventoryReader(options: InventoryOptions(defaultHost: defaultHost), fileName: readerName)
        var digest = InventoryDigest()
        do {
            if !first.isEmpty { try reader.feed(first, to: &digest) }
            while let piece = try chunks.next() { try reader.feed(piece, to: &digest) }
            let summary = try reader.finish(to: &digest)
            return Contents(digest: digest, summary: summary)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(path): refused: \(error)")
        }
    }

    /// Reads the file and identifies its rows as they arrive (`BatchIdentifier.readAndIdentify`).
    func readAndIdentify(
        _ chunks: FileChunks, with identifier: BatchIdentifier
    ) async throws(CommandFailure) -> IdentifiedInventory {
        let reader = InventoryReader(options: InventoryOptions(defaultHost: defaultHost), fileName: readerName)
        do {
            return try await identifier.readAndIdentify(reader: reader) { try chunks.next() }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(path): refused: \(error)")
        }
    }

    /// The name format detection sees: a gzip file's name without `.gz`.
    private var readerName: String { path.hasSuffix(".gz") ? String(path.dropLast(3)) : path }

    /// `file:row: [field f: ]reason`, as editors and CI annotations read locations.
    func describe(_ issue: InventoryIssue) -> String {
        var text = "\(path):\(issue.row): "
        if issue.severity == .warning { text += "warning: " }
        if let field = issue.field { text += "field \(field): " }
        if let offset = issue.offset { text += "(byte \(offset)) " }
        return text + issue.reason
    }
}
