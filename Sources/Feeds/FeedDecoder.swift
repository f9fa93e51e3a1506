import JSON
import VulnModel

/// Decodes one feed document — NVD API 2.0 (a page, a mirror file, or JSON Lines of responses), NVD 1.1
/// feeds, configuration overrides, CVE JSON 5 (one record or JSON Lines), the KEV catalogue or EPSS CSV —
/// into a batch. The format is recognised from the content, never from the name.
///
/// Nothing throws: a record that cannot be used becomes a diagnostic naming the document, the CVE when
/// known and the byte offset, and decoding goes on. Invalid JSON ends a single document (the records before
/// the fault are kept); in JSON Lines it costs only its line.
public enum FeedDecoder {
    public static func decode(_ bytes: [UInt8], document: String) -> FeedBatch {
        bytes.withUnsafeBufferPointer { decode($0, document: document) }
    }

    public static func decode(_ buffer: UnsafeBufferPointer<UInt8>, document: String) -> FeedBatch {
        var start = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        let body = UnsafeBufferPointer(rebasing: buffer[start...])
        guard let format = FeedFormat.detect(body) else {
            let context = DecodingContext(document: document, kind: .unrecognised)
            context.diagnose(
                .unknownDocument, offset: start,
                "not an NVD API 2.0, NVD 1.1, override, CVE 5, KEV or EPSS document"
                    + (body.isEmpty ? " (empty)" : ""))
            return context.batch
        }
        let context = DecodingContext(document: document, kind: format.kind)
        if format == .epss {
            EPSSDecoder.decode(buffer, context: context)
        } else if let lines = jsonLinesStart(buffer, from: start) {
            decodeLines(buffer, from: lines, format: format, context: context)
        } else {
            decodeDocument(buffer, from: start, format: format, context: context)
        }
        return context.batch
    }

    /// A single document: one top-level value (or several concatenated ones), read until the first fault.
    private static func decodeDocument(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, format: FeedFormat, context: DecodingContext
    ) {
        var reader = JSONReader(buffer, range: start..<buffer.count)
        do {
            while !reader.isAtEnd() {
                try decodeValue(&reader, format: format, context: context)
            }
        } catch {
            let kept = context.records.count + context.kev.count
            context.diagnose(
                .invalidJSON, cve: context.currentCVE ?? cveMentioned(in: buffer, before: error.offset),
                offset: error.offset,
                "expected \(error.expected); the rest of the document is skipped (\(kept) entries kept)")
        }
    }

    /// JSON Lines: each line on its own, a bad line costing only itself.
    private static func decodeLines(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, format: FeedFormat, context: DecodingContext
    ) {
        for line in JSONLines(buffer, from: start) {
            var reader = JSONReader(buffer, range: line.range)
            context.currentCVE = nil
            do throws(JSONError) {
                try decodeValue(&reader, format: format, context: context)
                guard reader.isAtEnd() else { throw JSONError(offset: reader.offset, expected: "the end of the line") }
            } catch {
                context.diagnose(
                    .invalidJSON,
                    cve: context.currentCVE ?? cveMentioned(in: buffer, line.range.lowerBound..<error.offset),
                    offset: error.offset, "line \(line.number): expected \(error.expected); line skipped")
            }
        }
    }

    private static func decodeValue(_ reader: inout JSONReader, format: FeedFormat, context: DecodingContext)
        throws(JSONError)
    {
        switch format {
        case .nvdAPI: try NVDAPIDecoder.decodeResponse(&reader, context: context)
        case .nvdFeed: try NVDFeedDecoder.decodeDocument(&reader, context: context)
        case .nvdOverride: try OverrideDecoder.decodeRecord(&reader, context: context)
        case .cve5: try CVE5Decoder.decodeRecord(&reader, context: context)
        case .kev: try KEVDecoder.decodeDocument(&reader, context: context)
        case .epss: return
        }
    }

    /// Where JSON Lines start when the document is JSON Lines: its first line is a whole value and more
    /// follows. A pretty-printed document fails on its first line (`{`) at once; a one-line document has
    /// nothing after it, so neither costs a pass over the data.
    private static func jsonLinesStart(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var lines = JSONLines(buffer, from: start)
        guard let first = lines.next(), lines.next() != nil else { return nil }
        var reader = JSONReader(buffer, range: first.range)
        guard (try? reader.skipValue()) != nil, reader.isAtEnd() else { return nil }
        return start
    }

    /// The last CVE id written before `offset`, to name the CVE a fault is in when the record's own id had
    /// not been read yet (CVE 5 puts `cveMetadata` after the containers).
    private static func cveMentioned(in buffer: UnsafeBufferPointer<UInt8>, before offset: Int) -> CVEID? {
        cveMentioned(in: buffer, max(0, offset - 200_000)..<offset)
    }

    private static func cveMentioned(in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> CVEID? {
        var found: CVEID?
        var index = range.lowerBound
        let upper = min(range.upperBound, buffer.count)
        while index + 13 <= upper {
            if buffer[index] == UInt8(ascii: "C"), buffer[index + 1] == UInt8(ascii: "V"),
                buffer[index + 2] == UInt8(ascii: "E"), buffer[index + 3] == UInt8(ascii: "-")
            {
                var stop = index + 9
                while stop < upper, buffer[stop] &- UInt8(ascii: "0") < 10 { stop += 1 }
                let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[index..<stop]), as: UTF8.self)
                if let id = CVEID(text) { found = id }
                index = stop
            } else {
                index += 1
            }
        }
        return found
    }
}

extension FeedFormat {
    var kind: FeedKind {
        switch self {
        case .nvdAPI: .nvdAPI
        case .nvdFeed: .nvdFeed
        case .nvdOverride: .nvdOverride
        case .cve5: .cve5
        case .kev: .kev
        case .epss: .epss
        }
    }
}
