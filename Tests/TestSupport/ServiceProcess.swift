import Foundation

/// A real `vans` process (`serve`, `worker`) on loopback, its standard output and error read line by line.
public final class ServiceProcess {
    public let process = Process()
    private var chunks: AsyncStream<String>.Iterator
    private var pending = ""
    /// Everything read so far, for failure messages.
    public private(set) var transcript: [String] = []

    /// The built `vans`: beside the test bundle, else in the package's `.build/debug`.
    public static var executable: URL? {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("vans"))
        }
        candidates.append(SharedData.packageRoot.appendingPathComponent(".build/debug/vans"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// `tap`, when given, also hears every chunk of output as it arrives, and nil when the output ends: several
    /// processes can then be followed from one place without waiting on any one of them.
    public init(executable: URL, arguments: [String], tap: (@Sendable (String?) -> Void)? = nil) throws {
        process.executableURL = executable
        process.arguments = arguments
        // From the checkout, so that Samples/feeds and Data/identification are found.
        process.currentDirectoryURL = SharedData.packageRoot
        var environment = ProcessInfo.processInfo.environment
        for name in environment.keys where name.hasPrefix("VANS_") { environment[name] = nil }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let (stream, continuation) = AsyncStream<String>.makeStream()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else {
                handle.readabilityHandler = nil
                continuation.finish()
                tap?(nil)
                return
            }
            let text = String(decoding: data, as: UTF8.self)
            continuation.yield(text)
            tap?(text)
        }
        chunks = stream.makeAsyncIterator()
        try process.run()
    }

    /// A test that failed half-way leaves no server behind.
    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// Reads lines until one contains `text` and returns it; nil if the output ended first.
    public func line(containing text: String) async -> String? {
        while true {
            while let newline = pending.firstIndex(of: "\n") {
                let line = String(pending[..<newline])
                pending = String(pending[pending.index(after: newline)...])
                transcript.append(line)
                if line.contains(text) { return line }
            }
            guard let chunk = await chunks.next() else { return nil }
            pending += chunk
        }
    }

    /// The text after `marker` on the first line that has it (up to the next space).
    public func value(after marker: String) async -> String? {
        guard let line = await line(containing: marker), let range = line.range(of: marker) else { return nil }
        return String(line[range.upperBound...].prefix { $0 != " " })
    }

    public func kill(_ signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }
}
