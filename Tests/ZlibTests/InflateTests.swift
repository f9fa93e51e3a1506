import Foundation
import TestSupport
import Testing
import Zlib

@Suite struct InflateTests {
    /// A tiny gzip member of "hello\n" produced by `printf 'hello\n' | gzip -n`.
    let hello: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0xe7,
        0x02, 0x00, 0x20, 0x30, 0x3a, 0x36, 0x06, 0x00, 0x00, 0x00,
    ]

    @Test func decodesOneMember() throws {
        #expect(try Inflate.decompress(hello) == Array("hello\n".utf8))
    }

    @Test func decodesConcatenatedMembers() throws {
        #expect(try Inflate.decompress(hello + hello) == Array("hello\nhello\n".utf8))
    }

    @Test func truncatedStreamIsReportedWithItsOffset() {
        let cut = Array(hello.prefix(14))
        #expect(throws: InflateError.self) { try Inflate.decompress(cut) }
        do {
            _ = try Inflate.decompress(cut)
        } catch {
            #expect(error.reason == .truncated)
            #expect(error.offset == cut.count)
        }
    }

    @Test func corruptStreamIsRefused() {
        var broken = hello
        broken[10] = 0xff
        broken[11] = 0xff
        #expect(throws: InflateError.self) { try Inflate.decompress(broken) }
    }

    @Test func outputLimitIsEnforced() {
        #expect(
            throws: InflateError(
                reason: .outputLimitExceeded, offset: hello.count, detail: "output would exceed 3 bytes")
        ) {
            try Inflate.decompress(hello, limit: 3)
        }
    }

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
    func realFeedFileInflates() throws {
        let bytes = try SharedData.bytes("kev/known_exploited_vulnerabilities.json.gz")
        #expect(bytes.count > 100_000)
        #expect(bytes.first == UInt8(ascii: "{"))
    }
}

@Suite struct PartialInflateTests {
    @Test func truncatedStreamKeepsWhatWasReadable() throws {
        let text = Array(String(repeating: "{\"line\":1}\n", count: 2000).utf8)
        let gzip = try #require(try? gzipped(text))
        let cut = Array(gzip.prefix(gzip.count / 2))
        let result = Inflate.decompressAvailable(cut)
        #expect(result.error?.reason == .truncated)
        #expect(!result.output.isEmpty)
        #expect(Array(text.prefix(result.output.count)) == result.output)
    }

    /// Compresses with the system `gzip` so the test does not trust our own code on both sides.
    private func gzipped(_ bytes: [UInt8]) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inflate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("data")
        try Data(bytes).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-n", file.path]
        try process.run()
        process.waitUntilExit()
        return [UInt8](try Data(contentsOf: directory.appendingPathComponent("data.gz")))
    }
}
