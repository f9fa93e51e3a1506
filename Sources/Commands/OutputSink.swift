import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where command output goes. A regular file is written under a temporary name and renamed into place when
/// complete, so a failed run never leaves a half-written report and an old report is replaced whole. Anything
/// else that exists (a device such as /dev/null or /dev/stdout, a pipe) is written in place: renaming over
/// it would replace the device node itself.
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
        if Self.existsAsSpecialFile(path) {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw CommandFailure(message: "\(path): cannot open for writing")
            }
            self.handle = handle
            temporary = nil
            destination = target
            return
        }
        let staging = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: staging.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: staging)
        else { throw CommandFailure(message: "\(path): cannot create the output file") }
        self.handle = handle
        temporary = staging
        destination = target
    }

    /// Whether `path` names something that exists and is neither a regular file nor a directory.
    private static func existsAsSpecialFile(_ path: String) -> Bool {
        guard let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType else {
            return false
        }
        return type != .typeRegular && type != .typeDirectory
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
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure(message: "\(destination.path): \(error.localizedDescription)")
        }
        // rename(2) replaces an existing report atomically: readers see the old file or the new one.
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure(message: "\(destination.path): \(reason)")
        }
    }

    deinit {
        if let temporary, FileManager.default.fileExists(atPath: temporary.path) {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
