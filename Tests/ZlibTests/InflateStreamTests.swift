import Foundation
import TestSupport
import Testing
import Zlib

@Suite struct InflateStreamTests {
    /// "hello\n" as one gzip member (`printf 'hello\n' | gzip -n`).
    static let hello: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0xe7,
        0x02, 0x00, 0x20, 0x30, 0x3a, 0x36, 0x06, 0x00, 0x00, 0x00,
    ]

    /// Feeds `input` in pieces of `size` bytes and returns everything the stream produced.
    static func inflate(_ input: [UInt8], pieces size: Int, limit: Int = .max) throws(InflateError) -> [UInt8] {
        let stream = try InflateStream(limit: limit)
        var output: [UInt8] = []
        var start = 0
        while start < input.count {
            let end = min(input.count, start + size)
            output += try stream.push(Array(input[start..<end]))
            start = end
        }
        try stream.finish()
        return output
    }

    @Test(arguments: [1, 2, 7, 26, 4096])
    func anyPieceSizeGivesTheSameBytes(size: Int) throws {
        #expect(try Self.inflate(Self.hello, pieces: size) == Array("hello\n".utf8))
        #expect(try Self.inflate(Self.hello + [0, 0] + Self.hello, pieces: size) == Array("hello\nhello\n".utf8))
    }

    @Test func truncatedStreamIsReportedAtTheEnd() {
        let cut = Array(Self.hello.prefix(14))
        #expect(
            throws: InflateError(
                reason: .truncated, offset: cut.count, detail: "compressed stream ends before its end marker")
        ) { try Self.inflate(cut, pieces: 5) }
    }

    @Test func corruptStreamIsRefusedWithAnOffsetInsideTheInput() throws {
        var broken = Self.hello
        broken[10] = 0xff
        broken[11] = 0xff
        let error = try #require(throws: InflateError.self) { try Self.inflate(broken, pieces: 3) }
        #expect(error.reason == .corrupt)
        #expect(error.offset <= broken.count)
    }

    @Test func outputLimitIsEnforced() throws {
        let error = try #require(throws: InflateError.self) { try Self.inflate(Self.hello, pieces: 4, limit: 3) }
        #expect(error.reason == .outputLimitExceeded)
    }

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
    func realFeedFileInflatesPieceByPieceAsInOneGo() throws {
        let raw = [UInt8](try Data(contentsOf: SharedData.url("kev/known_exploited_vulnerabilities.json.gz")))
        #expect(try Self.inflate(raw, pieces: 65_521) == Inflate.decompress(raw))
    }
}
