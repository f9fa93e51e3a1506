import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every CPE name in the shared corpora, pulled out by a byte scan for the `"cpe:` that opens a JSON string (and
/// the `name="` attributes of the CPE dictionary), so the test needs neither a JSON nor an XML parser. The scan
/// uses libc's `strstr` on NUL-terminated buffers: `memmem` would spare the terminator, but Glibc's module map
/// does not export it.
struct CPECorpus: Sendable {
    struct DictionaryItem: Sendable {
        var uri: String
        var formattedString: String
    }

    /// Distinct CPE 2.3 formatted strings: NVD `criteria` and `cpe23Uri`, overrides, CVE 5 `cpes`, dictionary items.
    var formattedStrings: Set<String> = []
    /// Distinct CPE 2.2 URIs: CVE 5 `cpes` and dictionary item names.
    var uris: Set<String> = []
    var dictionaryItems: [DictionaryItem] = []
    /// CPE strings seen in JSON, counting repeats.
    var jsonOccurrences = 0
    var files = 0
    private var seen: Set<Int> = []

    /// Reads the files a few at a time: gunzipping 1.5 GB is most of the work, and zlib runs on any free core.
    static func load() async throws -> CPECorpus {
        let json = SharedData.files(under: "nvd") + SharedData.files(under: "cve5")
        let dictionaries = SharedData.files(under: "cpe", suffixes: [".xml.gz"])
        let jobs = json.map { ($0, false) } + dictionaries.map { ($0, true) }
        let width = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
        return try await withThrowingTaskGroup(of: CPECorpus.self) { group in
            var corpus = CPECorpus()
            var next = 0
            func startNext() {
                guard next < jobs.count else { return }
                let (file, isDictionary) = jobs[next]
                next += 1
                group.addTask {
                    var part = CPECorpus()
                    let bytes = try SharedData.bytes(at: file) + [0]
                    if isDictionary { part.scanDictionary(bytes) } else { part.scanJSON(bytes) }
                    part.files = 1
                    return part
                }
            }
            for _ in 0..<width { startNext() }
            while let part = try await group.next() {
                corpus.merge(part)
                startNext()
            }
            return corpus
        }
    }

    private mutating func merge(_ part: CPECorpus) {
        formattedStrings.formUnion(part.formattedStrings)
        uris.formUnion(part.uris)
        dictionaryItems += part.dictionaryItems
        jsonOccurrences += part.jsonOccurrences
        files += part.files
    }

    /// `bytes` ends with a NUL that is not part of the text.
    private mutating func scanJSON(_ bytes: [UInt8]) {
        bytes.dropLast().withUnsafeBufferPointer { buffer in
            var offset = 0
            while let start = Self.find("\"cpe:", in: buffer, from: offset) {
                let end = Self.closingQuote(in: buffer, from: start + 1)
                let raw = UnsafeBufferPointer(rebasing: buffer[(start + 1)..<end])
                jsonOccurrences += 1
                offset = end + 1
                // Nine in ten occurrences repeat an earlier one; a hash of the raw bytes skips them before any
                // String is made (a 64-bit collision among a few hundred thousand strings is not a concern).
                var hasher = Hasher()
                hasher.combine(bytes: UnsafeRawBufferPointer(raw))
                guard seen.insert(hasher.finalize()).inserted else { continue }
                let text = Self.unescapeJSON(raw)
                if text.hasPrefix("cpe:/") {
                    uris.insert(text)
                } else {
                    formattedStrings.insert(text)
                }
            }
        }
    }

    /// `bytes` ends with a NUL that is not part of the text.
    private mutating func scanDictionary(_ bytes: [UInt8]) {
        bytes.dropLast().withUnsafeBufferPointer { buffer in
            var offset = 0
            while let item = Self.find("<cpe-item name=\"", in: buffer, from: offset) {
                let uriStart = item + 16
                let uriEnd = Self.closingQuote(in: buffer, from: uriStart)
                guard let attribute = Self.find("cpe23-item name=\"", in: buffer, from: uriEnd) else { break }
                let nameStart = attribute + 17
                let nameEnd = Self.closingQuote(in: buffer, from: nameStart)
                let entry = DictionaryItem(
                    uri: Self.unescapeXML(UnsafeBufferPointer(rebasing: buffer[uriStart..<uriEnd])),
                    formattedString: Self.unescapeXML(UnsafeBufferPointer(rebasing: buffer[nameStart..<nameEnd])))
                dictionaryItems.append(entry)
                uris.insert(entry.uri)
                formattedStrings.insert(entry.formattedString)
                offset = nameEnd + 1
            }
        }
    }

    /// The offset of `needle` at or after `offset`; `buffer` must be followed in memory by a NUL.
    private static func find(_ needle: String, in buffer: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        let start = UnsafeRawPointer(base)
        var cursor = offset
        while cursor < buffer.count {
            if let hit = strstr(start.advanced(by: cursor).assumingMemoryBound(to: CChar.self), needle) {
                return start.distance(to: UnsafeRawPointer(hit))
            }
            // strstr stops at a NUL inside the text; carry on after it.
            guard let nul = memchr(start.advanced(by: cursor), 0, buffer.count - cursor) else { return nil }
            cursor = start.distance(to: UnsafeRawPointer(nul)) + 1
        }
        return nil
    }

    /// The next `"` not escaped by an odd run of backslashes, or the end of the buffer.
    private static func closingQuote(in buffer: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
        guard let base = buffer.baseAddress else { return offset }
        var cursor = offset
        while cursor < buffer.count, let hit = memchr(base + cursor, 0x22, buffer.count - cursor) {
            let quote = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            var backslashes = 0
            while quote - backslashes - 1 >= offset && buffer[quote - backslashes - 1] == 0x5C { backslashes += 1 }
            if backslashes % 2 == 0 { return quote }
            cursor = quote + 1
        }
        return buffer.count
    }

    /// JSON string escapes; CPE strings only ever need `\\`, `\"`, `\/` and the odd `\uXXXX`.
    private static func unescapeJSON(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = raw.baseAddress, memchr(base, 0x5C, raw.count) != nil else {
            return String(decoding: raw, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        var index = 0
        let text = Array(raw)
        while index < text.count {
            guard text[index] == 0x5C, index + 1 < text.count else {
                let length = utf8Length(text[index])
                scalars.append(
                    contentsOf: String(decoding: text[index..<min(index + length, text.count)], as: UTF8.self)
                        .unicodeScalars)
                index += length
                continue
            }
            let escaped = text[index + 1]
            switch escaped {
            case UInt8(ascii: "u"):
                let hex = String(decoding: text[(index + 2)..<min(index + 6, text.count)], as: UTF8.self)
                scalars.append(UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init) ?? "\u{FFFD}")
                index += 6
                continue
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            default: scalars.append(Unicode.Scalar(escaped))
            }
            index += 2
        }
        return String(scalars)
    }

    private static func utf8Length(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The five predefined XML entities, which is all the dictionary's attributes use.
    private static func unescapeXML(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
