import Foundation
import Zlib

/// A file's bytes in pieces, gunzipped on the fly when it is gzip (unless `gunzip` is false): inventories are read
/// this way so that no file, whatever its size, is ever held whole. Opening checks the file at once, so a missing
/// inventory fails before any slow work starts. Failures are messages that name the file.
final class FileChunks {
    let path: String
    private let descriptor: Int32
    private let size: Int
    private let gunzip: Bool
    private var buffer = [UInt8](repeating: 0, count: 1 << 22)
    private var inflater: InflateStream?
    private var started = false
    private var ended = false

    init(path: String, gunzip: Bool = true) throws(CommandFailure) {
        self.path = path
        self.gunzip = gunzip
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CommandFailure(message: "\(path): \(String(cString: strerror(errno)))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else {
            close(descriptor)
            throw CommandFailure(message: "\(path): not a readable file")
        }
        size = Int(status.st_size)
    }

    /// A whole file in one buffer (a snapshot is ~200 MB: reserved once from the file's size), gunzipped when it is
    /// gzip and `gunzip` is true.
    static func contents(of path: String, gunzip: Bool = false) throws(CommandFailure) -> [UInt8] {
        try FileChunks(path: path, gunzip: gunzip).rest()
    }

    deinit { close(descriptor) }

    /// The next piece of the (decompressed) content, or nil at the end. Never returns an empty piece.
    func next() throws(CommandFailure) -> [UInt8]? {
        while !ended {
            let raw = try read()
            if !started {
                started = true
                if gunzip && Inflate.isGzip(raw) {
                    do { inflater = try InflateStream() } catch { throw CommandFailure(message: "\(path): \(error)") }
                }
            }
            guard let inflater else {
                if raw.isEmpty { ended = true }
                return raw.isEmpty ? nil : raw
            }
            do {
                if raw.isEmpty {
                    ended = true
                    try inflater.finish()
                    return nil
                }
                let piece = try inflater.push(raw)
                if !piece.isEmpty { return piece }
            } catch {
                throw CommandFailure(message: "\(path): \(error)")
            }
        }
        return nil
    }

    /// Everything left, for the readers that take a whole buffer.
    func rest() throws(CommandFailure) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        while let piece = try next() { bytes += piece }
        return bytes
    }

    private func read() throws(CommandFailure) -> [UInt8] {
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return Array(buffer[0..<count]) }
            guard errno == EINTR else { throw CommandFailure(message: "\(path): \(String(cString: strerror(errno)))") }
        }
    }
}
