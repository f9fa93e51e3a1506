import Testing

@testable import Inventory

@Suite struct HostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let reason: InventoryError.Reason
        var offset: Int?
        var options = InventoryOptions()
        var testDescription: String { name }
    }

    static let longLine = Array("name,version\n".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: (1 << 20) + 10)
    static let deepJSON = Array(
        ("{\"data\":" + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "}").utf8)
    static let bigElement = Array(
        ("{\"data\":[{\"product_name\":\"" + String(repeating: "x", count: 1_100_000) + "\"}]}").utf8)
    static let wideObject = Array(
        ("{" + (0..<80_000).map { "\"k\($0)\":\"value\"" }.joined(separator: ",") + "}").utf8)
    static let deepXML = Array(
        ("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\">" + String(repeating: "<c>", count: 300)
            + String(repeating: "</c>", count: 300) + "</bom>").utf8)

    static let cases: [Case] = [
        Case(name: "a line over 1 MiB", bytes: longLine, reason: .recordTooLong, offset: 13),
        Case(
            name: "a line over a configured cap",
            bytes: Array("name\nshort\n\(String(repeating: "b", count: 200))\n".utf8),
            reason: .recordTooLong, offset: 11, options: InventoryOptions(maxRecordBytes: 100)),
        Case(
            name: "an unclosed quote swallowing the file",
            bytes: Array(("name,version\n\"open,1\n" + String(repeating: "row,1\n", count: 200_000)).utf8),
            reason: .recordTooLong, offset: 13),
        Case(
            name: "too many fields in the header", bytes: Array((String(repeating: "name,", count: 2_000) + "\n").utf8),
            reason: .tooManyFields, offset: 0),
        Case(
            name: "too many fields in a row",
            bytes: Array(("name,version\n" + String(repeating: "x,", count: 5_000) + "\n").utf8),
            reason: .tooManyFields,
            offset: 13),
        Case(name: "JSON nested 200 deep", bytes: deepJSON, reason: .nestingTooDeep, offset: 135),
        Case(name: "a JSON element over 1 MiB", bytes: bigElement, reason: .recordTooLong, offset: 9),
        Case(
            name: "mismatched JSON brackets", bytes: Array("{\"data\":[{\"a\":[1}]}".utf8), reason: .malformed,
            offset: 16),
        Case(
            name: "a JSON scalar document", bytes: Array("\"inventory\"".utf8), reason: .unrecognizedFormat, offset: 0),
        Case(name: "XML nested 300 deep", bytes: deepXML, reason: .nestingTooDeep, offset: 430),
        Case(name: "a top-level object over 1 MiB", bytes: wideObject, reason: .recordTooLong, offset: 1_048_578),
        Case(
            name: "a registry value over a configured cap",
            bytes: Array(
                ("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X\\Uninstall\\A]\r\n\"DisplayName\"=hex(2):"
                    + String(repeating: "41,00,\\\r\n  ", count: 100) + "00,00\r\n").utf8),
            reason: .recordTooLong, offset: 76, options: InventoryOptions(maxRecordBytes: 500)),
    ]

    @Test(arguments: cases) func refusesTheFile(_ testCase: Case) {
        let error = Read.refusal(testCase.bytes, options: testCase.options)
        #expect(error?.reason == testCase.reason, "\(String(describing: error))")
        #expect(error?.offset == testCase.offset, "\(String(describing: error))")
    }

    @Test func aRefusalComesWhileStreamingNotAtTheEnd() throws {
        var reader = InventoryReader()
        var collector = InventoryCollector()
        try reader.feed(Array("name,version\n".utf8), to: &collector)
        let chunk = [UInt8](repeating: UInt8(ascii: "z"), count: 1 << 16)
        var fed = 0
        var refused: InventoryError?
        while fed < 4 << 20 && refused == nil {
            do {
                try reader.feed(chunk, to: &collector)
                fed += chunk.count
            } catch {
                refused = error
            }
        }
        #expect(refused?.reason == .recordTooLong)
        #expect(fed <= (1 << 20) + (1 << 16))
        #expect(throws: InventoryError.self) { try reader.feed(chunk, to: &collector) }
    }

    @Test func brokenJSONElementsAreRowIssuesAndTruncationIsAnIssue() throws {
        let text = "{\"api_key\":\"k\",\"data\":[{\"product_name\": tru},{\"product_name\":\"b\"},{\"product_name\":\"c"
        let file = try Read.text(text)
        #expect(file.records.map(\.name) == ["b"])
        #expect(file.issues.map(\.row) == [1, 1])
        #expect(file.issues.first?.reason == "invalid JSON: expected 'true'")
        #expect(file.issues.first?.offset == 43)
        #expect(file.issues.last?.reason.hasPrefix("the file ends inside a JSON value") == true)
    }

    @Test func badBytesWhereNoRecordIsStayBounded() throws {
        // 20,000 invalid bytes inside a skipped SPDX section, then one package.
        var bytes = Array("{\"spdxVersion\":\"SPDX-2.3\",\"files\":[\"".utf8)
        bytes += [UInt8](repeating: 0xFF, count: 20_000)
        bytes += Array("\"],\"packages\":[{\"SPDXID\":\"SPDXRef-Package-1\",\"name\":\"zlib\"}]}".utf8)
        let file = try InventoryReader.read(bytes, options: InventoryOptions(maxIssues: 100))
        #expect(file.records.map(\.name) == ["zlib"])
        #expect(file.summary.warnings == 20_000)
        #expect(file.issues.count == 100)
        #expect(file.issues.allSatisfy { $0.row == 0 || $0.row == 1 })
    }

    @Test func anUnrecognisedJSONArrayIsRefused() {
        let error = Read.refusal(Array("[{\"colour\":\"red\"},{\"colour\":\"blue\"}]".utf8))
        #expect(error?.reason == .unrecognizedFormat)
    }

    @Test func issuesAreCappedAndCounted() throws {
        var text = "name,cpe\n"
        for _ in 0..<50 { text += "a,b,c\n" }
        let file = try Read.text(text, options: InventoryOptions(maxIssues: 10))
        #expect(file.issues.count == 10)
        #expect(file.summary.errors == 50)
        #expect(file.summary.suppressedIssues == 40)
    }
}

/// Memory stays bounded while a large file streams through.
@Suite struct StreamingBoundTests {
    static func largest(_ chunks: some Sequence<[UInt8]>) throws -> (Int, InventorySummary) {
        var reader = InventoryReader()
        var counter = Counter()
        var largest = 0
        for chunk in chunks {
            try reader.feed(chunk, to: &counter)
            largest = max(largest, reader.bufferedByteCount)
        }
        return (largest, try reader.finish(to: &counter))
    }

    struct Counter: InventorySink {
        var records = 0
        mutating func record(_ record: consuming InventoryRecord) { records += 1 }
        mutating func issue(_ issue: InventoryIssue) {}
    }

    @Test func aLargeCSVNeverHoldsMoreThanOneSliceAndARecord() throws {
        let row = Array("PC-0042,Microsoft Office 專業增強版 2019,微軟,16.0.10406.20006\n".utf8)
        let block = Array(repeating: row, count: 2_000).flatMap { $0 }
        let chunks = [Array("host,name,publisher,version\n".utf8)] + Array(repeating: block, count: 40)
        let (largest, summary) = try Self.largest(chunks)
        #expect(summary.records == 80_000)
        #expect(largest < 3 * InventoryReader.slice)
    }

    @Test func aLargeVANSPayloadStreamsElementByElement() throws {
        let element = Array(
            "{\"oid\":\"2.16.886.101.20007\",\"unit_name\":\"監察院\",\"asset_number\":\"1\",\"product_name\":\"log4j-core\",\"product_vendor\":\"apache\",\"product_version\":\"2.14.1\",\"category\":\"software\",\"cpe23\":\"N/A\",\"product_cpename\":\"N/A\"},"
                .utf8)
        let block = Array(repeating: element, count: 1_000).flatMap { $0 }
        let closing = Array((String(decoding: element.dropLast(), as: UTF8.self) + "]}").utf8)
        let chunks = [Array("{\"api_key\":\"k\",\"data\":[".utf8)] + Array(repeating: block, count: 30) + [closing]
        let (largest, summary) = try Self.largest(chunks)
        #expect(summary.records == 30_001)
        #expect(largest < 4 * InventoryReader.slice)
    }
}
