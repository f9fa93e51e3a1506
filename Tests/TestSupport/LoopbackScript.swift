import Foundation

/// A loopback test server written in Python (`scripts/NAME.py`): it prints the port it listens on once it listens
/// (so no polling is needed) and serves until its standard input closes.
public final class LoopbackScript {
    public let port: Int
    private let process: Process
    private let input: Pipe

    public struct Failure: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public init(python: String, script: String, arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [SharedData.packageRoot.appendingPathComponent("scripts/\(script)").path] + arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line: [UInt8] = []
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") {
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw Failure(reason: "\(script) printed \"\(String(decoding: line, as: UTF8.self))\"")
        }
        self.port = port
    }

    deinit {
        // Closing its input ends the server; SIGTERM too, in case another child inherited the pipe and keeps it open
        // (waitUntilExit would then wait for ever).
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }
}
