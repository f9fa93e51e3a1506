import Foundation

/// Where command output goes: a file (written to a temporary name and renamed into place when complete,
/// so a failed run never leaves a half-written report) or standard output.
final class OutputSink {
    private let handle: FileHandle
    private let temporary: URL?
    private let destination: URL?

    init(path: String?) throws(CommandFailure) {
        guard let path, path != "-" else {
            handle = FileHandle.standardOutput
            temporary = nil
            destination = nil
            return
        }
        let target = URL(fileURLWithPath: path)
        let staging = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: staging.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: staging)
        else { throw CommandFailure(message: "\(path): cannot create the output file") }
        self.handle = handle
        temporary = staging
        destination = target
    }

    func write(_ bytes: [UInt8]) throws(CommandFailure) {
        guard !bytes.isEmpty else { return }
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw CommandFailure(message: "\(destination?.path ?? "standard output"): \(error.localizedDescription)")
        }
    }

    func write(_ text: String) throws(CommandFailure) { try write(Array(text.utf8)) }

    /// Completes the output: the file appears under its name only now.
    func finish() throws(CommandFailure) {
        guard let temporary, let destination else { return }
        do {
            try handle.close()
            if FileManager.default.fileExists(atPath: destination.path) {
                _ = try FileManager.default.replaceItemAt(destination, withItemAt: temporary)
            } else {
                try FileManager.default.moveItem(at: temporary, to: destination)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure(message: "\(destination.path): \(error.localizedDescription)")
        }
    }

    deinit {
        if let temporary, FileManager.default.fileExists(atPath: temporary.path) {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
