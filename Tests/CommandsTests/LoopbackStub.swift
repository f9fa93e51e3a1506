import Foundation
import TestSupport

/// `scripts/vans-stub.py` on a free loopback port: records every POST (body and path) in a folder, answers 200.
/// Nil, after printing why, when no python3 is installed.
final class LoopbackStub {
    let port: Int
    let folder: URL
    private let server: LoopbackScript

    static func start(folder: URL) throws -> LoopbackStub? {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            print("skipped: \(python) not found for scripts/vans-stub.py")
            return nil
        }
        return try LoopbackStub(python: python, folder: folder)
    }

    private init(python: String, folder: URL) throws {
        self.folder = folder
        server = try LoopbackScript(python: python, script: "vans-stub.py", arguments: [folder.path])
        port = server.port
    }

    /// The bodies received so far, in arrival order.
    func bodies() throws -> [Data] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }

    func path(ofRequest number: Int) throws -> String {
        let name = String(repeating: "0", count: max(0, 4 - String(number).count)) + String(number) + ".path"
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
}
