import Foundation
import Identification

/// Reads and writes the confirmed-mappings file. Writes go through `OutputSink`, which stages under a
/// temporary name and renames, so a reader sees the old file or the new one, never half of one.
enum ConfirmedStore {
    static func load(_ path: String) throws(CommandFailure) -> ConfirmedMappingFile {
        let bytes = try FileChunks.contents(of: path)
        do {
            return try ConfirmedMappingFile(jsonBytes: bytes, file: path)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// The file's mappings, or none when it does not exist yet (the first `confirm` creates it).
    static func loadOrEmpty(_ path: String) throws(CommandFailure) -> ConfirmedMappingFile {
        FileManager.default.fileExists(atPath: path) ? try load(path) : ConfirmedMappingFile()
    }

    static func save(_ file: ConfirmedMappingFile, to path: String) throws(CommandFailure) {
        let sink = try OutputSink(path: path)
        try sink.write(file.jsonBytes())
        try sink.finish()
    }
}
