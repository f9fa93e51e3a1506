import Foundation
import Zlib

/// The real public corpora in `../shared/data` beside the checkout, and the committed fixtures under
/// `Tests/Fixtures`. Tests that need the shared corpora are skipped, with this reason printed, when absent.
public enum SharedData {
    /// The package root, found from this file's path (Tests/TestSupport/SharedData.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data`, or `$VANS_SHARED_DATA` when set.
    public static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["VANS_SHARED_DATA"] {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path)
    }

    public static let unavailableReason = "shared corpora not found at \(root.path) (set VANS_SHARED_DATA)"

    public static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public static func fixture(_ relativePath: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
    }

    /// The bytes of a file, gunzipped when it is gzip.
    public static func bytes(at url: URL) throws -> [UInt8] {
        let raw = [UInt8](try Data(contentsOf: url))
        return Inflate.isGzip(raw) ? try Inflate.decompress(raw) : raw
    }

    /// The bytes of a shared-data file, gunzipped when it is gzip.
    public static func bytes(_ relativePath: String) throws -> [UInt8] { try bytes(at: url(relativePath)) }

    /// Every regular file under a shared-data folder whose name ends with one of `suffixes`, sorted.
    public static func files(under relativePath: String, suffixes: [String] = [".json.gz", ".jsonl.gz"]) -> [URL] {
        let base = url(relativePath)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { candidate in suffixes.contains { candidate.lastPathComponent.hasSuffix($0) } }
            .sorted { $0.path < $1.path }
    }
}
